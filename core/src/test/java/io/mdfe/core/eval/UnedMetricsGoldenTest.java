package io.mdfe.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdfe.core.data.uned.RetrievalTask;
import io.mdfe.core.data.uned.UnedItem;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.io.NpyMatrix;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluator against an independent numpy implementation
 * ({@code tools/golden/gen_uned_metrics_golden.py}): 3 domains, multi-label items, lone queries,
 * a separate-index domain, merged and separate protocols, to 1e-6.
 */
class UnedMetricsGoldenTest {

    private static final double TOL = 1e-6;
    private static JsonNode fixture;
    private static NpyMatrix queries;
    private static NpyMatrix index;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        Path dir = Path.of(UnedMetricsGoldenTest.class.getResource("/golden/uned_metrics/fixture.json").toURI())
                .getParent();
        fixture = new ObjectMapper().readTree(dir.resolve("fixture.json").toFile());
        queries = NpyMatrix.read(dir.resolve("queries.npy"));
        index = NpyMatrix.read(dir.resolve("index.npy"));
    }

    private static List<UnedItem> items(String prefix, JsonNode domains, JsonNode labels) {
        List<UnedItem> items = new ArrayList<>();
        for (int i = 0; i < domains.size(); i++) {
            int[] ids = new int[labels.get(i).size()];
            for (int j = 0; j < ids.length; j++) {
                ids[j] = labels.get(i).get(j).asInt();
            }
            // query=index domains share entries: name them by their index position so they are equal
            String path = prefix + "/" + i;
            items.add(new UnedItem(path, Path.of(path), ids, domains.get(i).asInt()));
        }
        return items;
    }

    private static RetrievalEvaluator evaluator() {
        return new RetrievalEvaluator(IndexRegistry.local().factory("exact"), Map.of("threads", "2"),
                RetrievalEvaluator.unedMetrics());
    }

    private static IndexSpec spec() {
        return new IndexSpec("golden", "1", queries.cols(), Metric.parse(fixture.get("metric").asText()));
    }

    /** Query items: entries that are in the index are the index's own item objects. */
    private static List<UnedItem> queryItems(List<UnedItem> indexItems) {
        List<UnedItem> q = items("q", fixture.get("query_domains"), fixture.get("query_labels"));
        for (int i = 0; i < q.size(); i++) {
            int self = fixture.get("query_self").get(i).asInt();
            if (self >= 0) {
                q.set(i, indexItems.get(self));
            }
        }
        return q;
    }

    private static List<Integer> selfPositions() {
        List<Integer> self = new ArrayList<>();
        fixture.get("query_self").forEach(n -> self.add(n.asInt()));
        return self;
    }

    private static void assertMatches(JsonNode expected, EvaluationTable table) {
        assertEquals(expected.size(), table.domains().size());
        for (DomainResult row : table.domains()) {
            JsonNode e = expected.get(Integer.toString(row.domainId()));
            for (String metric : List.of("R@1", "mMP@5", "mAP@5")) {
                assertEquals(e.get(metric).asDouble(), row.metric(metric), TOL, row.domain() + " " + metric);
            }
            assertEquals(e.get("queries").asInt(), row.queries());
        }
    }

    @Test
    void mergedProtocolMatchesNumpy() {
        List<UnedItem> indexItems = items("i", fixture.get("index_domains"), fixture.get("index_labels"));
        RetrievalTask task = new RetrievalTask(RetrievalTask.MERGED, queryItems(indexItems), indexItems, true,
                selfPositions());
        EvaluationTable table = evaluator().evaluate(task, queries, index, spec());
        assertMatches(fixture.get("expected").get("merged"), table);
        assertTrue(table.domains().stream().allMatch(r -> r.loneQueries() >= 1), table.format());
        JsonNode e = fixture.get("expected").get("merged");
        double meanR1 = (e.get("0").get("R@1").asDouble() + e.get("1").get("R@1").asDouble()
                + e.get("2").get("R@1").asDouble()) / 3;
        assertEquals(meanR1, table.mean().get("R@1"), TOL);
    }

    @Test
    void separateProtocolMatchesNumpy() {
        List<UnedItem> indexItems = items("i", fixture.get("index_domains"), fixture.get("index_labels"));
        List<UnedItem> queryItems = queryItems(indexItems);
        List<Integer> self = selfPositions();
        List<EvaluationTable> tables = new ArrayList<>();
        int dim = queries.cols();
        for (int d = 0; d < 3; d++) {
            int domain = d;
            int[] qs = java.util.stream.IntStream.range(0, queryItems.size())
                    .filter(i -> queryItems.get(i).domainId() == domain).toArray();
            int[] is = java.util.stream.IntStream.range(0, indexItems.size())
                    .filter(i -> indexItems.get(i).domainId() == domain).toArray();
            List<Integer> ownSelf = Arrays.stream(qs).map(q -> self.get(q) < 0 ? -1 : self.get(q) - is[0]).boxed()
                    .toList();
            RetrievalTask task = new RetrievalTask("d" + d, Arrays.stream(qs).mapToObj(queryItems::get).toList(),
                    Arrays.stream(is).mapToObj(indexItems::get).toList(), ownSelf.get(0) >= 0, ownSelf);
            tables.add(evaluator().evaluate(task, rows(queries, qs, dim), rows(index, is, dim), spec()));
        }
        assertMatches(fixture.get("expected").get("separate"), EvaluationTable.combine(tables));
    }

    @Test
    void embeddingsThatDoNotMatchTheTaskAreRefused() {
        List<UnedItem> indexItems = items("i", fixture.get("index_domains"), fixture.get("index_labels"));
        RetrievalTask task = new RetrievalTask(RetrievalTask.MERGED, queryItems(indexItems), indexItems, true,
                selfPositions());
        NpyMatrix shortIndex = rows(index, new int[] {0, 1}, index.cols());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluator().evaluate(task, queries, shortIndex, spec()));
        assertTrue(e.getMessage().startsWith("merged: index embeddings are 2x16"), e.getMessage());
    }

    private static NpyMatrix rows(NpyMatrix m, int[] rows, int dim) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(m.data(), rows[i] * dim, out, i * dim, dim);
        }
        return new NpyMatrix(rows.length, dim, out);
    }
}
