package io.mdfe.trainer;

import io.mdfe.service.common.testing.ScratchDirsResource;
import java.util.Map;

/**
 * Gives {@link TrainerServiceTest} and the packaged application of {@link TrainerServiceIT} (prod profile)
 * writable state, runs and data directories in a fresh temporary directory instead of {@code /var/lib/mdfe}
 * and {@code /data}.
 */
public class TrainerStateResource extends ScratchDirsResource {

    static final String DATA_ROOT = "mdfe.trainer.allowed-data-root";

    @Override
    protected Map<String, String> directories() {
        return Map.of("mdfe.trainer.state-dir", "state", "mdfe.trainer.runs-dir", "runs", DATA_ROOT, "data");
    }
}
