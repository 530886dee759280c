package io.mdfe.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexParamLimitsTest {

    private final IndexParamLimits limits = new IndexParamLimits("mdfe.x.limits.", 10, 4, 1000, 50);

    @Test
    void valuesUpToTheCapsAndUncappedParametersPass() {
        limits.check("params", Map.of("n_trees", "10", "threads", " 4 ", "search_k", "-1", "recall_sample", "50",
                "seed", "99999999999", "index_type", "HNSW"));
    }

    @Test
    void eachCapNamesTheFieldTheValueTheLimitAndItsKey() {
        assertEquals("index_params.n_trees: 11 exceeds the limit 10 (mdfe.x.limits.max-trees)",
                refused(Map.of("n_trees", "11")));
        assertEquals("index_params.threads: 99999999999 exceeds the limit 4 (mdfe.x.limits.max-threads)",
                refused(Map.of("threads", "99999999999")));
        assertEquals("index_params.search_k: 1001 exceeds the limit 1000 (mdfe.x.limits.max-search-k)",
                refused(Map.of("search_k", "1001")));
        assertEquals("index_params.recall_sample: 51 exceeds the limit 50 (mdfe.x.limits.max-recall-sample)",
                refused(Map.of("recall_sample", "51")));
        assertEquals("index_params.n_trees: '1e9' is not an integer", refused(Map.of("n_trees", "1e9")));
        assertEquals("index_params.threads: '99999999999999999999' is not an integer",
                refused(Map.of("threads", "99999999999999999999")));
    }

    @Test
    void defaultsMatchTheDocumentedValues() {
        IndexParamLimits defaults = IndexParamLimits.defaults("p.");
        assertEquals(new IndexParamLimits("p.", 2000, 64, 10_000_000, 100_000), defaults);
        assertThrows(IllegalArgumentException.class, () -> new IndexParamLimits("p.", 0, 1, 1, 0));
    }

    private String refused(Map<String, String> params) {
        return assertThrows(IllegalArgumentException.class, () -> limits.check("index_params", params)).getMessage();
    }
}
