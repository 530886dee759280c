package io.mdfe.core.index.annoy;

import io.mdfe.core.index.IndexFactory;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Makes {@link AnnoyIndex}es; parameters are {@link AnnoyParams}' ({@code n_trees}, {@code search_k}, ...). */
public final class AnnoyIndexFactory implements IndexFactory {

    @Override
    public VectorIndex create(IndexSpec spec, Map<String, String> params) {
        return AnnoyIndex.create(spec, AnnoyParams.parse(params));
    }

    @Override
    public VectorIndex load(Path dir) throws IOException {
        return AnnoyIndex.load(dir);
    }
}
