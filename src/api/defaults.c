/*
 * defaults.c — where the library finds what a client did not give: the
 * default rules.  Every client (the CLI, the Python module, a program
 * linking libactnet) should load the same rules when none are named, so
 * the lookup lives here rather than in each of them.
 */
#include <stdlib.h>
#include <sys/stat.h>

#include "actnet.h"
#include "config.h"

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *actnet_rules_default_dir(void)
{
    const char *env = getenv("ACTNET_RULES_DIR");
    if (env && *env)
        return env;
    if (is_dir(ACTNET_RULES_DIR))
        return ACTNET_RULES_DIR;
    /* an uninstalled build: the rules of the source tree it was built
     * from */
    if (is_dir(ACTNET_SOURCE_RULES_DIR))
        return ACTNET_SOURCE_RULES_DIR;
    return NULL;
}
