/*
 * test_layout.c — check suite for src/net/layout.c: every node gets
 * finite "x" and "y", the same graph gets the same positions on every
 * run, a heavy tie holds its ends closer than light ones, and the graphs
 * the writers meet at the edges (empty, one node, no weights, a weight
 * that is not a number) are laid out without failing.
 */
#include <check.h>
#include <math.h>

#include "net/graph.h"
#include "net/layout.h"

static void setup(void)
{
    an_graph_setup_igraph();
}

/* Two triangles joined by one edge, all of weight w, but for the edge
 * 0-1 of weight heavy. */
static void make(igraph_t *g, double w, double heavy, int weights)
{
    ck_assert_int_eq(igraph_small(g, 6, IGRAPH_UNDIRECTED, 0, 1, 1, 2, 2, 0,
                                  3, 4, 4, 5, 5, 3, 2, 3, -1),
                     IGRAPH_SUCCESS);
    for (igraph_integer_t e = 0; weights && e < igraph_ecount(g); e++)
        ck_assert_int_eq(SETEAN(g, "weight", e, e == 0 ? heavy : w),
                         IGRAPH_SUCCESS);
}

static double dist(const igraph_t *g, igraph_integer_t a, igraph_integer_t b)
{
    double dx = VAN(g, "x", a) - VAN(g, "x", b);
    double dy = VAN(g, "y", a) - VAN(g, "y", b);
    return sqrt(dx * dx + dy * dy);
}

START_TEST(positions_finite_and_stable)
{
    igraph_t a, b;
    actnet_error err;
    make(&a, 1, 1, 1);
    make(&b, 1, 1, 1);
    ck_assert_int_eq(an_graph_layout(&a, &err), ACTNET_OK);
    ck_assert_int_eq(an_graph_layout(&b, &err), ACTNET_OK);
    ck_assert(igraph_cattribute_has_attr(&a, IGRAPH_ATTRIBUTE_VERTEX, "x"));
    ck_assert(igraph_cattribute_has_attr(&a, IGRAPH_ATTRIBUTE_VERTEX, "y"));
    for (igraph_integer_t v = 0; v < 6; v++) {
        ck_assert(isfinite(VAN(&a, "x", v)) && isfinite(VAN(&a, "y", v)));
        ck_assert(VAN(&a, "x", v) == VAN(&b, "x", v));
        ck_assert(VAN(&a, "y", v) == VAN(&b, "y", v));
    }
    /* not all in one point */
    ck_assert(dist(&a, 0, 4) > 1e-6);
    /* laid out again: replaced, still the same */
    double x0 = VAN(&a, "x", 0);
    ck_assert_int_eq(an_graph_layout(&a, &err), ACTNET_OK);
    ck_assert(VAN(&a, "x", 0) == x0);
    igraph_destroy(&a);
    igraph_destroy(&b);
}
END_TEST

START_TEST(heavy_tie_closer)
{
    igraph_t g;
    actnet_error err;
    make(&g, 1, 1000, 1);
    ck_assert_int_eq(an_graph_layout(&g, &err), ACTNET_OK);
    /* 0-1 is the heavy one; 1-2 and 2-0 are the triangle's light sides */
    ck_assert(dist(&g, 0, 1) < dist(&g, 1, 2));
    ck_assert(dist(&g, 0, 1) < dist(&g, 2, 0));
    igraph_destroy(&g);
}
END_TEST

START_TEST(edge_cases)
{
    igraph_t g;
    actnet_error err;
    ck_assert_int_eq(igraph_empty(&g, 0, IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
    ck_assert_int_eq(an_graph_layout(&g, &err), ACTNET_OK);
    igraph_destroy(&g);

    ck_assert_int_eq(igraph_empty(&g, 1, IGRAPH_DIRECTED), IGRAPH_SUCCESS);
    ck_assert_int_eq(an_graph_layout(&g, &err), ACTNET_OK);
    ck_assert(isfinite(VAN(&g, "x", 0)) && isfinite(VAN(&g, "y", 0)));
    igraph_destroy(&g);

    make(&g, 0, 0, 0);
    ck_assert_int_eq(an_graph_layout(&g, &err), ACTNET_OK);
    ck_assert(isfinite(VAN(&g, "x", 5)));
    igraph_destroy(&g);

    /* a string "weight": laid out without weights */
    make(&g, 0, 0, 0);
    for (igraph_integer_t e = 0; e < igraph_ecount(&g); e++)
        ck_assert_int_eq(SETEAS(&g, "weight", e, "heavy"), IGRAPH_SUCCESS);
    ck_assert_int_eq(an_graph_layout(&g, &err), ACTNET_OK);
    ck_assert(isfinite(VAN(&g, "y", 5)));
    igraph_destroy(&g);
}
END_TEST

static Suite *layout_suite(void)
{
    Suite *s = suite_create("layout");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, positions_finite_and_stable);
    tcase_add_test(tc, heavy_tie_closer);
    tcase_add_test(tc, edge_cases);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(layout_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
