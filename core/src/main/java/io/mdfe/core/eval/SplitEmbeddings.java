package io.mdfe.core.eval;

import io.mdfe.core.data.uned.UnedDomain;
import io.mdfe.core.data.uned.UnedItem;
import io.mdfe.core.io.NpyMatrix;
import java.io.IOException;
import java.util.List;

/** Where the embeddings of a UnED split come from: a model bundle, or descriptor files computed elsewhere. */
@FunctionalInterface
public interface SplitEmbeddings {

    /**
     * The embeddings of {@code items}, the whole {@code split} of {@code domain} in info-file order:
     * one row per item.
     *
     * @throws IOException or IllegalArgumentException naming the domain, split and file when they cannot be had
     */
    NpyMatrix embed(UnedDomain domain, String split, List<UnedItem> items) throws IOException;
}
