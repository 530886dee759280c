package io.mdfe.eval;

import io.mdfe.service.common.testing.ScratchDirsResource;
import java.util.Map;

/** Fresh data, UnED, state and model directories for {@link EvalServiceTest} and the packaged {@link EvalServiceIT}. */
public class EvalScratch extends ScratchDirsResource {

    static final String DATA_ROOT = "mdfe.eval.allowed-root";
    static final String UNED_ROOT = "mdfe.eval.uned-root";

    @Override
    protected Map<String, String> directories() {
        return Map.of(DATA_ROOT, "data", UNED_ROOT, "data/uned", "mdfe.eval.state-dir", "state",
                "mdfe.eval.model-dir", "models");
    }
}
