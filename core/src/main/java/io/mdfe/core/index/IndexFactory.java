package io.mdfe.core.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes indexes of one backend: new ones from a spec and backend parameters, or saved ones back from
 * the directory {@link VectorIndex#save} wrote.
 */
public interface IndexFactory {

    /**
     * A new, empty index.
     *
     * @param spec what the index holds
     * @param params backend parameters (e.g. Milvus {@code index_type}, {@code nlist})
     * @throws IllegalArgumentException for unknown or invalid parameters, naming the valid ones
     */
    VectorIndex create(IndexSpec spec, Map<String, String> params);

    /**
     * Reads back an index saved by {@link VectorIndex#save}.
     *
     * @throws IOException when the directory is missing, unreadable or of another backend
     */
    VectorIndex load(Path dir) throws IOException;
}
