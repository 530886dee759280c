package io.mdfe.core.index.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backend parameters of the Milvus index: defaults, round trip, collection names. */
class MilvusIndexOptionsTest {

    @Test
    void missingParametersTakeTheirDefaults() {
        MilvusIndexOptions hnsw = MilvusIndexOptions.fromParams(Map.of("collection", "c", "index_type", "hnsw", "M", "32"));
        assertEquals(MilvusIndexType.HNSW, hnsw.indexType());
        assertEquals(Map.of("M", 32, "efConstruction", 200), hnsw.buildParams());
        assertEquals(Map.of("ef", 64), hnsw.searchParams());
        assertEquals(1000, hnsw.insertBatch());
        assertEquals(100, hnsw.searchBatch());
        assertEquals(MilvusIndexType.FLAT, MilvusIndexOptions.fromParams(Map.of("collection", "c")).indexType());
    }

    @Test
    void paramsRoundTrip() {
        MilvusIndexOptions ivf = MilvusIndexOptions.fromParams(Map.of("collection", "c", "index_type", "IVF_FLAT",
                "nlist", "64", "search_batch", "7"));
        assertEquals(ivf, MilvusIndexOptions.fromParams(ivf.toParams()));
    }

    @Test
    void refusesMissingCollectionAndNonPositiveValues() {
        assertEquals("Milvus index: parameter 'collection' is required",
                assertThrows(IllegalArgumentException.class, () -> MilvusIndexOptions.fromParams(Map.of())).getMessage());
        assertEquals("Milvus index: parameter 'nprobe' must be a positive integer, got 'many'",
                assertThrows(IllegalArgumentException.class, () -> MilvusIndexOptions.fromParams(
                        Map.of("collection", "c", "index_type", "IVF_FLAT", "nprobe", "many"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MilvusIndexOptions.fromParams(Map.of("collection", "9lives")));
    }

    @Test
    void collectionNamesAreValidAndDistinct() {
        assertEquals("mdfe_products_v2", MilvusIndexOptions.collectionFor("products_v2"));
        String dashed = MilvusIndexOptions.collectionFor("products-v2");
        assertEquals(dashed, MilvusIndexOptions.fromParams(Map.of("collection", dashed)).collection());
        assertNotEquals(MilvusIndexOptions.collectionFor("products_v2"), dashed);
        assertNotEquals(MilvusIndexOptions.collectionFor("a.b"), MilvusIndexOptions.collectionFor("a-b"));
    }
}
