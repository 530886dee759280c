package io.mdfe.core.index.milvus;

import io.milvus.v2.common.IndexParam;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Milvus index types this backend builds, each with its build parameters and search parameters
 * and their defaults (Milvus's own names, so they pass through unchanged).
 *
 * <ul>
 *   <li>{@code FLAT}: exact search, no parameters.</li>
 *   <li>{@code IVF_FLAT}: {@code nlist} clusters (build), {@code nprobe} searched (search).</li>
 *   <li>{@code HNSW}: {@code M} links and {@code efConstruction} (build), {@code ef} (search; raised to k
 *       when smaller, as Milvus requires ef &gt;= k).</li>
 * </ul>
 */
public enum MilvusIndexType {
    /** Brute force inside Milvus. */
    FLAT(IndexParam.IndexType.FLAT, Map.of(), Map.of()),
    /** Inverted file over k-means clusters. */
    IVF_FLAT(IndexParam.IndexType.IVF_FLAT, Map.of("nlist", 128), Map.of("nprobe", 16)),
    /** Hierarchical navigable small-world graph. */
    HNSW(IndexParam.IndexType.HNSW, ordered("M", 16, "efConstruction", 200), Map.of("ef", 64));

    private final IndexParam.IndexType sdkType;
    private final Map<String, Integer> buildDefaults;
    private final Map<String, Integer> searchDefaults;

    MilvusIndexType(IndexParam.IndexType sdkType, Map<String, Integer> buildDefaults,
                    Map<String, Integer> searchDefaults) {
        this.sdkType = sdkType;
        this.buildDefaults = buildDefaults;
        this.searchDefaults = searchDefaults;
    }

    /** The SDK's index type. */
    IndexParam.IndexType sdkType() {
        return sdkType;
    }

    /** Build parameter names and their defaults. */
    public Map<String, Integer> buildDefaults() {
        return buildDefaults;
    }

    /** Search parameter names and their defaults. */
    public Map<String, Integer> searchDefaults() {
        return searchDefaults;
    }

    /** The search parameters to send for top-{@code k}: HNSW's {@code ef} is at least k. */
    Map<String, Object> searchParamsFor(Map<String, Integer> configured, int k) {
        Map<String, Object> params = new LinkedHashMap<>(configured);
        if (this == HNSW) {
            params.put("ef", Math.max(configured.get("ef"), k));
        }
        return params;
    }

    private static Map<String, Integer> ordered(String k1, int v1, String k2, int v2) {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return java.util.Collections.unmodifiableMap(map);
    }
}
