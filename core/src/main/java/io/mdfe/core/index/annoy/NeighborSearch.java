package io.mdfe.core.index.annoy;

import io.mdfe.core.index.Neighbors;

/**
 * Anything that answers a batch of k-NN queries, shaped like {@link io.mdfe.core.index.VectorIndex#search}
 * so that any index ({@code index::search}) can be the approximate side or the exact reference of a
 * {@link RecallSample}.
 */
@FunctionalInterface
public interface NeighborSearch {

    /** The {@code k} nearest neighbours of {@code count} row-major queries. */
    Neighbors search(float[] queries, int count, int k);
}
