# countries_extra.py - hand-written overrides for gen_countries.py.
#
# The generated rules/countries.yaml comes from two open data sets (Debian
# iso-codes, the npm package world-countries); this file holds what those
# lack or get wrong for matching English news, each decision with its
# reason.  It is a Python module (not YAML) on purpose: every *.yaml file
# under rules/ is loaded as a rule file.
#
# Written by hand by the actnet developers from public knowledge; same
# licence as the rest of actnet (MIT).

# Common English names used as the node label instead of the data's
# common name.
NAME = {
    "TUR": "Turkey",            # news English; Türkiye stays an alias
    "CZE": "Czech Republic",    # as most English news write it; Czechia alias
    "COD": "DR Congo",
    "COG": "Republic of the Congo",
    "XKX": "Kosovo",
    "VAT": "Vatican City",
    "MAC": "Macau",
}

# Aliases added (short forms, older names, transliterations).
ALIASES = {
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "USA": ["US", "U.S.", "USA", "U.S.A.", "United States", "America"],
    "RUS": ["Russian Federation"],
    "BLR": ["Byelorussia", "Belorussia"],
    "CZE": ["Czechia"],
    "COD": ["Congo", "DRC", "DR Congo", "Democratic Republic of Congo",
            "Congo-Kinshasa"],
    "COG": ["Republic of Congo", "Congo Republic", "Congo-Brazzaville"],
    "CIV": ["Ivory Coast"],
    "CPV": ["Cabo Verde"],
    "KOR": ["South Korea", "ROK"],
    "PRK": ["North Korea", "DPRK"],
    "CHN": ["PRC", "People's Republic of China", "Mainland China"],
    "TWN": ["Republic of China"],
    "ARE": ["UAE", "U.A.E."],
    "NLD": ["Holland"],
    "DEU": ["West Germany"],
    "MKD": ["Macedonia"],
    "SWZ": ["Swaziland"],
    "MMR": ["Burma"],
    "TLS": ["East Timor"],
    "BIH": ["Bosnia", "BiH"],
    "VAT": ["Vatican", "Holy See"],
    "PSE": ["State of Palestine", "Palestinian territories"],
    "VIR": ["US Virgin Islands", "U.S. Virgin Islands"],
    "KGZ": ["Kirghizia"],
    "XKX": ["Republic of Kosovo"],
    "TUR": ["Türkiye", "Turkiye"],
    "SUN": ["Soviet Union", "USSR", "U.S.S.R.",
            "Union of Soviet Socialist Republics"],
    "YUG": ["Yugoslavia", "Federal Republic of Yugoslavia",
            "Socialist Federal Republic of Yugoslavia"],
    "ZAR": ["Republic of Zaire"],
    "SCG": ["Serbia and Montenegro", "Serbia-Montenegro"],
    "CSK": ["Czechoslovakia"],
    "DDR": ["East Germany", "GDR", "German Democratic Republic"],
}

# Demonyms and adjectives the data lacks (plurals are generated).
ADJECTIVES = {
    "BLR": ["Belarusan", "Belarussian", "Byelorussian", "Belorussian"],
    "GBR": ["Briton", "Britons"],
    "SAU": ["Saudi", "Saudis"],
    "POL": ["Poles"],
    "DNK": ["Dane", "Danes"],
    "SWE": ["Swede", "Swedes"],
    "FIN": ["Finns"],
    "TUR": ["Turk", "Turks"],
    "ESP": ["Spaniard", "Spaniards"],
    "SRB": ["Serb", "Serbs"],
    "HRV": ["Croat", "Croats"],
    "SVN": ["Slovenian"],
    "SVK": ["Slovakian"],
    "PHL": ["Philippine"],
    "KAZ": ["Kazakh"],
    "UZB": ["Uzbek"],
    "TJK": ["Tajik"],
    "KGZ": ["Kyrgyz"],
    "AZE": ["Azeri"],
    "XKX": ["Kosovan"],
    "MDV": ["Maldivian"],
    "ECU": ["Ecuadorian"],
    "CPV": ["Cape Verdean"],
    "COM": ["Comorian"],
    "LSO": ["Basotho"],
    "ARG": ["Argentinian"],
    "NPL": ["Nepali"],
    "SOM": ["Somalian"],
    "ISL": ["Icelandic"],
    "GRL": ["Greenlander"],
    "HKG": ["Hongkonger"],
    "MKD": ["North Macedonian"],
    "BFA": ["Burkinabè"],
    "LAO": ["Lao"],
    "DDR": ["East German"],
    "SUN": ["Soviet"],
    "DEU": ["West German"],
    "ZAR": ["Zairean", "Zairian"],
    "YUG": ["Yugoslav"],
    "CSK": ["Czechoslovak"],
}

# Capitals, seats of government and other places that stand for the state.
METONYMS = {
    "RUS": ["Kremlin"],
    "USA": ["Washington", "White House", "Washington DC", "Washington D.C.", "Oval Office"],
    "GBR": ["Downing Street", "Whitehall", "Westminster"],
    "FRA": ["Elysée", "Élysée", "Elysee", "Élysée Palace", "Elysee Palace",
            "Matignon", "Quai d'Orsay"],
    "CHN": ["Zhongnanhai"],
    "UKR": ["Kiev", "Bankova"],
    "ITA": ["Palazzo Chigi"],
    "ESP": ["Moncloa"],
    "KOR": ["Blue House"],
    "IRN": ["Teheran"],
    "KAZ": ["Nur-Sultan"],
    "MMR": ["Naypyitaw", "Nay Pyi Taw", "Rangoon", "Yangon"],
    "BOL": ["La Paz"],
    "CIV": ["Abidjan"],
    "CHE": ["Berne"],
    "SWZ": ["Mbabane"],
    "MNG": ["Ulaanbaatar"],
    "YEM": ["Sanaa"],
    "ESH": ["Laayoune"],
    "PSE": [],
    "XKX": ["Prishtina"],
    "SUN": ["Moscow", "Kremlin"],
    "DEU": ["Bonn"],
    "DDR": ["East Berlin"],
    "ZAR": ["Kinshasa"],
    "YUG": ["Belgrade"],
    "SCG": ["Belgrade"],
    "CSK": ["Prague"],
}

# Names from the data dropped everywhere (aliases, adjectives, metonyms),
# with the reason.  Matching is case-sensitive, so a capitalised common
# word is a false hit only at the start of a sentence or in a title, but
# news headlines are title-cased, so such words are dropped.
DROP = {
    # capitals that are common words, people's names or other places
    "Victoria": "capital of Seychelles; a person's name, an Australian state",
    "City of Victoria": "Hong Kong; see Victoria",
    "Kingston": "Jamaica and Norfolk Island; many other Kingstons",
    "Hamilton": "Bermuda; a surname, cities in Canada and New Zealand",
    "Georgetown": "Guyana; Georgetown University and the Washington district",
    "George Town": "Cayman Islands; also Penang",
    "Jamestown": "St Helena; also Virginia",
    "Plymouth": "Montserrat; the English city",
    "Stanley": "Falklands; a person's name",
    "Douglas": "Isle of Man; a person's name",
    "The Valley": "Anguilla; a common phrase",
    "The Bottom": "Saba; a common phrase",
    "West Island": "Cocos Islands; a common place name",
    "Diego Garcia": "British Indian Ocean Territory; a person's name",
    "San José": "Costa Rica; San Jose, California is far more frequent",
    "San Jose": "see San José",
    "Saint John's": "Antigua; also St. John's, Newfoundland",
    "Saint-Denis": "Réunion; also a suburb of Paris",
    "Saint-Pierre": "many places of that name",
    "Sucre": "Bolivia's constitutional capital; a surname; La Paz is used",
    "Male": "ASCII form of Malé; the English word",
    "Cape Town": "South Africa's legislative capital; a city in its own right",
    "Bloemfontein": "judicial capital; rarely a metonym",
    "Kingstown": "rare; confusable with Kingston",
    "Fakaofo": "an atoll, not a seat of government",
    "King Edward Point": "a research station",
    "Flying Fish Cove": "a settlement",
    "Adamstown": "a settlement",
    "Road Town": "a common phrase in lower-case headlines",
    # alternative spellings that are words or names in English
    "Island": "Iceland in Icelandic; the English word",
    "Emirates": "the airline",
    "Mann": "Isle of Man; a surname",
    "Reunion": "ASCII form of Réunion; the English word",
    "Timor": "the island is shared with Indonesia",
    "Guiana": "the region spans three countries",
    "Prathet": "Thai for 'country'",
    "Viti": "Fiji in Fijian; a name",
    "Nippon": "company names (Nippon Steel, ...)",
    "Nihon": "company names",
    "Dominique": "a person's name",
    "Saudi": "kept as an adjective (ADJECTIVES)",
    "Thai": "kept as an adjective (demonym)",
    "Togolese": "kept as an adjective (demonym)",
    "Lao": "kept as an adjective (ADJECTIVES)",
    "Pitcairn": "kept through the name Pitcairn Islands",
    "Macao": None,  # kept, listed here only to document: see KEEP_ALT
    "Gibraltar": None,
    # demonyms shared by several entries: the more newsworthy one keeps it
    "Virgin Islander": "shared by two Virgin Islands territories",
    "Channel Islander": "shared by Jersey and Guernsey",
    "American Islander": "US Minor Outlying Islands; not news usage",
}
DROP = {k: v for k, v in DROP.items() if v is not None}

# Names dropped for one entity only (reason).
DROP_FOR = {
    "BES": {"Oranjestad": "capital of Sint Eustatius; also of Aruba, which "
                          "keeps it"},
    "VGB": {"Virgin Islands": "ambiguous with the US Virgin Islands"},
}

# A demonym shared by several entries: the listed owner keeps it, the
# others lose it (recorded in their note).
DEMONYM_OWNER = {
    "American": "USA",     # not Northern Mariana Islands
    "French": "FRA",       # not French Southern Territories
    "Dutch": "NLD",        # not Caribbean Netherlands
    "Indian": "IND",       # not British Indian Ocean Territory
    "Norwegian": "NOR",    # not Svalbard and Jan Mayen
    "Dominican": "DOM",    # not Dominica
    "Samoan": "WSM",       # American Samoans are "American Samoan"
}

# Alternative spellings without an English marker word that are kept
# (see gen_countries.py: keep_alt).
KEEP_ALT = {
    "Burma", "Holland", "East Timor", "Swaziland", "DPRK", "DRC", "DR Congo",
    "Great Britain", "UAE", "USA", "Bosnia-Herzegovina", "Macao",
    "Congo-Brazzaville", "Congo-Kinshasa", "Côte d'Ivoire", "Cote d'Ivoire",
    "Ivory Coast", "Turkiye", "Viet Nam", "Brunei Darussalam",
    "Saint Helena", "Keeling Islands", "Cocos Islands", "Islas Malvinas",
    "Curacao", "Aland", "Faeroe Islands", "Chinese Taipei", "Macedonia",
    "Sao Tome and Principe", "St. Barthelemy", "Rumania", "Byelorussia",
    "Kirghizia", "Faeroe Islands", "BES islands", "Somers Isles",
}

# Notes on decisions about an entity (the generator adds dropped names).
NOTES = {
    "USA": "America is kept as an alias: alone it nearly always means the "
           "United States in news English; the continents (North America, "
           "Latin America, ...) are longer phrases in ignore.yaml and win. "
           "Washington is kept as a metonym; Washington State, George "
           "Washington and the Washington Post are longer phrases that win.",
    "GBR": "England, Scotland, Wales and Northern Ireland are not mapped "
           "(they are not the state); Northern Ireland is in ignore.yaml so "
           "that it does not match Ireland.  Number 10 / No 10 are not "
           "metonyms (shirt numbers, addresses); Downing Street is.  "
           "Westminster Abbey and the like are in ignore.yaml.",
    "BEL": "Brussels is not a metonym of Belgium: news uses it for the "
           "European Union, whose metonym it is (organisations.yaml).",
    "GEO": "Georgia is also a US state; kept because the country is the "
           "usual sense in international news; Georgia Tech and similar "
           "phrases are in ignore.yaml.",
    "JOR": "Jordan is also a given name and surname; kept (case-sensitive, "
           "the country is the usual sense in international news).",
    "TCD": "Chad is also a given name; kept (the country is the usual "
           "sense in international news).",
    "TUR": "Turkey is also the bird; lower-case in ordinary text, so kept.",
    "CHN": "china (porcelain) is lower-case, so China is kept.",
    "NER": "Niger and Nigeria are different tokens, so no confusion.",
    "GIN": "Guinea: Equatorial Guinea, Guinea-Bissau and Papua New Guinea "
           "are longer phrases and win.",
    "COD": "Congo alone is DR Congo from 1997-05-17, as most news agencies "
           "use it; before, this state was Zaire (ZAR) and Congo the Republic "
           "of the Congo.",
    "COG": "Congo alone and Congolese are DR Congo's from 1997-05-17 (as "
           "most news agencies use them), this state's before (when DR "
           "Congo was Zaire).",
    "ISR": "Jerusalem is kept as a metonym for the Israeli government as "
           "news uses it; its status is disputed (see PSE).",
    "PSE": "Palestine: recognised by many states, UN observer state. Gaza "
           "and the West Bank are not mapped (different authorities).",
    "TWN": "Taiwan: self-governing, claimed by the People's Republic of "
           "China; listed as a country because news treats it as an actor.",
    "XKX": "Kosovo: not in ISO 3166-1; XKX is the user-assigned code used "
           "by the EU and the IMF.",
    "MKD": "Macedonia is also a Greek region; kept for the country.",
    "KOR": "Korea and Korean alone are not mapped (North or South?).",
    "SUN": "historic (ISO 3166-3), until 1991-12-26.  Moscow and the "
           "Kremlin are its metonyms until then, Russia's after.  Soviet is "
           "an adjective; ex-Soviet, former Soviet, post-Soviet and the "
           "like describe and are ignore phrases (ignore.yaml).",
    "ZAR": "historic (ISO 3166-3): the name of DR Congo 1971-10-27 to "
           "1997-05-16; Congo then meant the Republic of the Congo.",
    "SCG": "historic (ISO 3166-3): the Federal Republic of Yugoslavia "
           "renamed, 2003-02-04 to 2006-06-04.",
    "YUG": "historic (ISO 3166-3).",
    "CSK": "historic (ISO 3166-3).",
    "DDR": "historic (ISO 3166-3).",
    "IRL": "Northern Ireland and Northern Irish are in ignore.yaml so that "
           "they do not match Ireland.",
    "IND": "Indian Ocean, American Indian and West Indian(s) are in "
           "ignore.yaml.",
    "JEY": "New Jersey and Jersey City are in ignore.yaml.",
    "MEX": "New Mexico and the Gulf of Mexico are in ignore.yaml.",
    "POL": "Pole (singular) is not mapped: North Pole, South Pole.",
    "FIN": "Finn (singular) is not mapped: a given name.",
    "CHE": "Swiss is also in product names (Swiss cheese is lower-case).",
    "NLD": "The Hague is not a metonym: news uses it for the international "
           "courts there.",
    "BGR": "Sofia is also a given name; kept as the capital.",
    "CHL": "Santiago is also a city in Spain, Cuba and the Dominican "
           "Republic; kept for Chile.",
    "BHS": "Nassau is also a county of New York; kept.",
    "PRI": "San Juan is also a common place name; kept.",
    "LBY": "Tripoli is also a city in Lebanon; kept for Libya.",
    "NZL": "Wellington is also a surname (the Duke); kept.",
    "PER": "Lima is also a surname; kept.",
    "AUT": "Vienna is also the seat of the OSCE and the IAEA; kept for "
           "Austria.",
}

# States and territories not in ISO 3166-1 that are actors in the news.
# ids use the user-assigned X.. range of ISO 3166-1 alpha-3.
EXTRA_COUNTRIES = [
    {"id": "XAB", "name": "Abkhazia", "aliases": ["Republic of Abkhazia"],
     "adjectives": ["Abkhaz", "Abkhazian"], "metonyms": ["Sukhumi"],
     "note": "breakaway region of Georgia, recognised by Russia and a few "
             "states; id user-assigned."},
    {"id": "XSO", "name": "South Ossetia",
     "aliases": ["Republic of South Ossetia"],
     "adjectives": ["South Ossetian"], "metonyms": ["Tskhinvali"],
     "note": "breakaway region of Georgia, recognised by Russia and a few "
             "states; id user-assigned."},
    {"id": "XTR", "name": "Transnistria",
     "aliases": ["Transdniestria", "Transdniester", "Trans-Dniester",
                 "Pridnestrovie", "Pridnestrovian Moldavian Republic"],
     "adjectives": ["Transnistrian"], "metonyms": ["Tiraspol"],
     "note": "breakaway region of Moldova, unrecognised; id user-assigned."},
    {"id": "XNC", "name": "Northern Cyprus",
     "aliases": ["Turkish Republic of Northern Cyprus", "TRNC"],
     "adjectives": ["Turkish Cypriot", "Turkish Cypriots"], "metonyms": [],
     "note": "recognised only by Turkey; id user-assigned.  Nicosia stays "
             "with Cyprus."},
    {"id": "XSL", "name": "Somaliland",
     "aliases": ["Republic of Somaliland"],
     "adjectives": ["Somalilander"], "metonyms": ["Hargeisa"],
     "note": "self-declared state in northern Somalia; id user-assigned."},
]

# Historic states taken from ISO 3166-3 (withdrawn codes), by alpha-3.
HISTORIC = {
    "SUN": "Soviet Union",
    "YUG": "Yugoslavia",
    "CSK": "Czechoslovakia",
    "DDR": "East Germany",
    "ZAR": "Zaire",
    "SCG": "Serbia and Montenegro",
}

# History: the days an entity existed (inclusive; None is open), from
# public knowledge.  A dated document sees an entity only on these days;
# an undated one sees every entity.
VALID = {
    "SUN": (None, "1991-12-26"),     # dissolved 26 December 1991
    "DDR": (None, "1990-10-02"),     # unification 3 October 1990
    "ZAR": ("1971-10-27", "1997-05-16"),
    "YUG": (None, "2003-02-03"),     # the SFRY, then (1992) the FRY
    "SCG": ("2003-02-04", "2006-06-04"),
    "CSK": (None, "1992-12-31"),
}

# Phrases valid only on some days, by entity.  Where two entities share a
# phrase (the generator checks), their days must not overlap; on an
# undated document the entity first in the file (the current state: the
# historic ones come last) takes the phrase.
PHRASE_VALID = {
    # Moscow and the Kremlin stood for the Soviet Union until its end
    "RUS": {"Moscow": ("1991-12-27", None), "Kremlin": ("1991-12-27", None)},
    # West Germany was the Federal Republic before unification; Bonn its
    # seat of government until the move to Berlin (1999), Berlin divided
    # before 1990 (East Berlin: the GDR's capital)
    "DEU": {"West Germany": (None, "1990-10-02"),
            "West German": (None, "1990-10-02"),
            "West Germans": (None, "1990-10-02"),
            "Bonn": (None, "1999-08-31"),
            "Berlin": ("1990-10-03", None)},
    # Zaire 1971-1997: "Congo" and "Congolese" then meant the Republic of
    # the Congo (Brazzaville); before 1971 both states were Congo, and
    # the phrase is Brazzaville's there too (documented, rules/README.md)
    "COD": {"Congo": ("1997-05-17", None), "Congolese": ("1997-05-17", None),
            "Kinshasa": ("1997-05-17", None)},
    "COG": {"Congo": (None, "1997-05-16"), "Congolese": (None, "1997-05-16")},
    "SRB": {"Belgrade": ("2006-06-05", None)},
    "CZE": {"Prague": ("1993-01-01", None)},
    # Rangoon was the capital until 6 November 2005, then Naypyidaw
    "MMR": {"Rangoon": (None, "2005-11-05"), "Yangon": (None, "2005-11-05"),
            "Naypyidaw": ("2005-11-06", None),
            "Naypyitaw": ("2005-11-06", None),
            "Nay Pyi Taw": ("2005-11-06", None)},
}
