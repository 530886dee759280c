package io.mdfe.core.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Makes one kind of {@link VectorIndex}: a new empty one, or one read back from a saved directory. */
public interface IndexFactory {

    /**
     * A new, empty index.
     *
     * @param spec what the index holds
     * @param params backend options by name; an unknown name is an error listing the valid ones
     */
    VectorIndex create(IndexSpec spec, Map<String, String> params);

    /**
     * Reads an index written by {@link VectorIndex#save}.
     *
     * @throws IOException naming the directory or file that is missing or malformed
     */
    VectorIndex load(Path dir) throws IOException;
}
