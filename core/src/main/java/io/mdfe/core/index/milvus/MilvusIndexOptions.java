package io.mdfe.core.index.milvus;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How one Milvus index is stored, indexed and searched, read from the backend parameters of
 * {@link io.mdfe.core.index.IndexFactory#create}:
 *
 * <ul>
 *   <li>{@code collection} (required): the Milvus collection, see {@link #collectionFor(String)};</li>
 *   <li>{@code index_type}: {@code FLAT} (default), {@code IVF_FLAT} or {@code HNSW};</li>
 *   <li>the index type's build and search parameters ({@code nlist}, {@code nprobe}, {@code M},
 *       {@code efConstruction}, {@code ef}), defaults in {@link MilvusIndexType};</li>
 *   <li>{@code insert_batch} (default 1000): rows per insert call;
 *       {@code search_batch} (default 100): queries per search call.</li>
 * </ul>
 *
 * @param collection Milvus collection name
 * @param indexType the index Milvus builds
 * @param buildParams the index type's build parameters, every one set
 * @param searchParams the index type's search parameters, every one set
 * @param insertBatch rows per insert call
 * @param searchBatch queries per search call
 */
public record MilvusIndexOptions(String collection, MilvusIndexType indexType, Map<String, Integer> buildParams,
                                 Map<String, Integer> searchParams, int insertBatch, int searchBatch) {

    /** Parameter key of the collection name. */
    public static final String COLLECTION = "collection";
    /** Parameter key of the index type. */
    public static final String INDEX_TYPE = "index_type";
    /** Parameter key of the insert batch size. */
    public static final String INSERT_BATCH = "insert_batch";
    /** Parameter key of the search batch size. */
    public static final String SEARCH_BATCH = "search_batch";

    private static final int DEFAULT_INSERT_BATCH = 1000;
    private static final int DEFAULT_SEARCH_BATCH = 100;
    private static final int MAX_COLLECTION_NAME = 255;
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Checks the name, the batch sizes and that every parameter of the index type is set. */
    public MilvusIndexOptions {
        if (collection == null || collection.length() > MAX_COLLECTION_NAME || !VALID_NAME.matcher(collection).matches()) {
            throw new IllegalArgumentException("Milvus collection name '" + collection
                    + "' must be letters, digits and '_', start with a letter or '_', at most 255 characters");
        }
        if (insertBatch < 1 || searchBatch < 1) {
            throw new IllegalArgumentException(INSERT_BATCH + " and " + SEARCH_BATCH + " must be >= 1, got "
                    + insertBatch + " and " + searchBatch);
        }
        if (!buildParams.keySet().equals(indexType.buildDefaults().keySet())
                || !searchParams.keySet().equals(indexType.searchDefaults().keySet())) {
            throw new IllegalArgumentException(indexType + " takes build parameters " + indexType.buildDefaults().keySet()
                    + " and search parameters " + indexType.searchDefaults().keySet());
        }
        buildParams = Map.copyOf(buildParams);
        searchParams = Map.copyOf(searchParams);
    }

    /**
     * Reads backend parameters; missing ones take their defaults.
     *
     * @throws IllegalArgumentException for a missing collection, an unknown key (listing the valid keys)
     *                                  or a value that is not a positive integer
     */
    public static MilvusIndexOptions fromParams(Map<String, String> params) {
        String collection = params.get(COLLECTION);
        if (collection == null) {
            throw new IllegalArgumentException("Milvus index: parameter '" + COLLECTION + "' is required");
        }
        MilvusIndexType type = parseType(params.getOrDefault(INDEX_TYPE, MilvusIndexType.FLAT.name()));
        Set<String> allowed = new TreeSet<>(Set.of(COLLECTION, INDEX_TYPE, INSERT_BATCH, SEARCH_BATCH));
        allowed.addAll(type.buildDefaults().keySet());
        allowed.addAll(type.searchDefaults().keySet());
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("Milvus " + type + " index: unknown parameter '" + key
                        + "'; allowed: " + String.join(", ", allowed));
            }
        }
        return new MilvusIndexOptions(collection, type, withDefaults(type.buildDefaults(), params),
                withDefaults(type.searchDefaults(), params),
                positive(params, INSERT_BATCH, DEFAULT_INSERT_BATCH), positive(params, SEARCH_BATCH, DEFAULT_SEARCH_BATCH));
    }

    /** These options as backend parameters: {@code fromParams(toParams())} gives them back. */
    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(COLLECTION, collection);
        params.put(INDEX_TYPE, indexType.name());
        buildParams.forEach((k, v) -> params.put(k, Integer.toString(v)));
        searchParams.forEach((k, v) -> params.put(k, Integer.toString(v)));
        params.put(INSERT_BATCH, Integer.toString(insertBatch));
        params.put(SEARCH_BATCH, Integer.toString(searchBatch));
        return params;
    }

    /**
     * The collection of an MDFE index name: {@code mdfe_<name>}; a name with characters Milvus does not
     * allow has them replaced by '_' and gets a hash suffix, so distinct names stay distinct.
     */
    public static String collectionFor(String indexName) {
        String cleaned = indexName.replaceAll("[^A-Za-z0-9_]", "_");
        String name = "mdfe_" + cleaned;
        if (!cleaned.equals(indexName)) {
            name += "_" + String.format(Locale.ROOT, "%08x", indexName.hashCode());
        }
        if (name.length() > MAX_COLLECTION_NAME) {
            throw new IllegalArgumentException("index name too long for a Milvus collection: " + indexName.length()
                    + " characters");
        }
        return name;
    }

    private static MilvusIndexType parseType(String name) {
        try {
            return MilvusIndexType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Milvus index: unknown " + INDEX_TYPE + " '" + name + "'; allowed: "
                    + Arrays.stream(MilvusIndexType.values()).map(Enum::name).collect(Collectors.joining(", ")), e);
        }
    }

    private static Map<String, Integer> withDefaults(Map<String, Integer> defaults, Map<String, String> params) {
        Map<String, Integer> values = new LinkedHashMap<>();
        defaults.forEach((key, fallback) -> values.put(key, positive(params, key, fallback)));
        return values;
    }

    private static int positive(Map<String, String> params, String key, int fallback) {
        String text = params.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Milvus index: parameter '" + key + "' must be a positive integer, got '"
                + text + "'");
    }
}
