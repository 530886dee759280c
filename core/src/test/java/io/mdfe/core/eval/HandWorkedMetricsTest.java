package io.mdfe.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdfe.core.data.uned.RetrievalTask;
import io.mdfe.core.data.uned.UnedItem;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.io.NpyMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recall@1, mMP@5 and mAP@5 on cases small enough to work out by hand (1-d, euclidean). */
class HandWorkedMetricsTest {

    private static final double EPS = 1e-12;

    private static UnedItem item(int i, int... labels) {
        return new UnedItem("cars/" + i + ".jpg", Path.of("cars/" + i + ".jpg"), labels, 0);
    }

    private static DomainResult evaluate(List<UnedItem> items, float... positions) {
        RetrievalTask task = new RetrievalTask("cars", items, items, true);
        NpyMatrix emb = new NpyMatrix(positions.length, 1, positions);
        RetrievalEvaluator evaluator = new RetrievalEvaluator(IndexRegistry.local().factory("exact"), Map.of(),
                RetrievalEvaluator.unedMetrics());
        EvaluationTable table = evaluator.evaluate(task, emb, emb,
                new IndexSpec("test", "1", 1, Metric.EUCLIDEAN));
        assertEquals(1, table.domains().size());
        return table.domains().get(0);
    }

    /*
     * Query set = index set, labels A=0, B=1, C=2; counts per label: A 4 (items 0,1,3,5), B 2 (2,5), C 1.
     *   id pos  labels  neighbours (self removed; ties by id)   relevance   n_q          R@1 mMP@5 mAP@5
     *   0  0.0  A       1(1) 2(2) 5(2.5) 3(3) 4(10)             1 0 1 1 0   4-1=3        1   2/3   (1+2/3+3/4)/3 = 29/36
     *   1  1.0  A       0(1) 2(1) tie->0 first, 5 3 4           1 0 1 1 0   3            1   2/3   29/36
     *   2  2.0  B       5(.5) 1(1) 3(1) 0(2) 4(8)               1 0 0 0 0   2-1=1        1   1     1
     *   3  3.0  A       5(.5) 2(1) 1(2) 0(3) 4(7)               1 0 1 1 0   3            1   2/3   29/36
     *   4 10.0  C       lone: n_q = 1-1 = 0                     -           0            0   0     0
     *   5  2.5  A,B     2(.5) 3(.5) tie->2 first, 1 0 4         1 1 1 1 0   4+2-1=5      1   4/5   4/5
     * (n_q of the multi-label query sums its labels' counts, as upstream does.)
     * Means over all 6 queries (the lone one counts as 0):
     *   R@1 = 5/6; mMP@5 = (3 * 2/3 + 1 + 4/5) / 6 = 3.8/6; mAP@5 = (3 * 29/36 + 1 + 4/5) / 6.
     */
    @Test
    void tiesLoneAndMultiLabelQueries() {
        List<UnedItem> items = new ArrayList<>(List.of(item(0, 0), item(1, 0), item(2, 1), item(3, 0), item(4, 2),
                item(5, 0, 1)));
        DomainResult r = evaluate(items, 0f, 1f, 2f, 3f, 10f, 2.5f);
        assertEquals(5.0 / 6, r.metric("R@1"), EPS);
        assertEquals(3.8 / 6, r.metric("mMP@5"), EPS);
        assertEquals((3 * 29.0 / 36 + 1 + 0.8) / 6, r.metric("mAP@5"), EPS);
        assertEquals(6, r.queries());
        assertEquals(1, r.loneQueries());
        assertEquals("cars", r.domain());
    }

    /*
     * Items 0 (label X=0) and 1 (label Y=1) are the same vector; item 2 (Y) is far away.
     * Query 1: neighbours 0 (distance 0, lower id first), 1 = itself, 2. Removing the query's own
     * entry by identity leaves 0, 2 -> R@1 = 0. Dropping rank 0 instead would keep itself (wrongly
     * relevant, R@1 = 1).
     *   query 0 (X): others 1, 2 -> 0 0; n_q = 1-1 = 0 (lone)   R@1 0  mMP 0  mAP 0
     *   query 1 (Y): others 0, 2 -> 0 1; n_q = 2-1 = 1          R@1 0  mMP 0  mAP (1/2)/1 = 1/2
     *   query 2 (Y): 0, 1 tie at distance 5 -> 0 1; n_q = 1     R@1 0  mMP 0  mAP 1/2
     */
    @Test
    void selfIsRemovedByIdentityNotByRank() {
        List<UnedItem> items = List.of(item(0, 0), item(1, 1), item(2, 1));
        DomainResult r = evaluate(items, 0f, 0f, 5f);
        assertEquals(0, r.metric("R@1"), EPS);
        assertEquals(0, r.metric("mMP@5"), EPS);
        assertEquals(1.0 / 3, r.metric("mAP@5"), EPS);
        assertEquals(1, r.loneQueries());
    }

    @Test
    void metricsOfOneQuery() {
        boolean[] rel = {false, true, false, true, true};
        assertEquals(0, new RecallAtK(1).score(rel, 3));
        assertEquals(1, new RecallAtK(2).score(rel, 3));
        // first min(5, 2) = 2 ranks hold one relevant item
        assertEquals(0.5, new ModifiedMeanPrecision(5).score(rel, 2), EPS);
        // precisions at ranks 2, 4, 5: 1/2, 2/4, 3/5, normalised by min(5, 7) = 5
        assertEquals((0.5 + 0.5 + 0.6) / 5, new MeanAveragePrecision(5).score(rel, 7), EPS);
        assertEquals(0, new ModifiedMeanPrecision(5).score(rel, 0));
        assertEquals(0, new MeanAveragePrecision(5).score(rel, 0));
    }
}
