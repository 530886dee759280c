package io.mdfe.eval;

import io.mdfe.service.common.testing.ScratchDirsResource;
import java.util.Map;

/** Fresh data, UnED, bundle, state and model directories for {@link EvalServiceTest} and the packaged {@link EvalServiceIT}. */
public class EvalScratch extends ScratchDirsResource {

    static final String DATA_ROOT = "mdfe.eval.allowed-root";
    static final String UNED_ROOT = "mdfe.eval.uned-root";
    /** Where bundles named by requests must lie. */
    static final String BUNDLES = "mdfe.artifact-roots";

    @Override
    protected Map<String, String> directories() {
        return Map.of(DATA_ROOT, "data", UNED_ROOT, "data/uned", BUNDLES, "data/bundles",
                "mdfe.eval.state-dir", "state", "mdfe.eval.model-dir", "models");
    }
}
