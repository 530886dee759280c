package io.mdfe.core.index.exact;

import io.mdfe.core.index.IndexFactory;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes {@link ExactIndex}es. Parameter: {@code threads} (search workers; default: available
 * processors).
 */
public final class ExactIndexFactory implements IndexFactory {

    /** Name of the worker-count parameter. */
    public static final String THREADS = "threads";

    @Override
    public VectorIndex create(IndexSpec spec, Map<String, String> params) {
        int threads = Runtime.getRuntime().availableProcessors();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().equals(THREADS)) {
                throw new IllegalArgumentException("exact index: unknown parameter '" + e.getKey() + "'; valid: "
                        + THREADS);
            }
            try {
                threads = Integer.parseInt(e.getValue().trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("exact index: " + THREADS + " must be an integer, got '"
                        + e.getValue() + "'");
            }
        }
        return new ExactIndex(spec, threads);
    }

    @Override
    public VectorIndex load(Path dir) throws IOException {
        return ExactIndex.load(dir, Runtime.getRuntime().availableProcessors());
    }
}
