package io.mdfe.core.eval.baseline;

import io.mdfe.core.data.uned.UnedItem;
import java.io.IOException;

/**
 * A descriptor computed without training, scored like a model's embedding. Implementations are
 * immutable and thread-safe, and give the same vector for the same item on every call.
 */
public interface Baseline {

    /** The registry name, e.g. {@code thumbnail}; also the label of its rows. */
    String name();

    /** One line saying exactly what the descriptors are (printed beside the scores). */
    String description();

    /** Width of the descriptors. */
    int dim();

    /**
     * The descriptor of {@code item}, {@link #dim()} values.
     *
     * @throws IOException naming the file when the item's image cannot be read
     */
    float[] describe(UnedItem item) throws IOException;
}
