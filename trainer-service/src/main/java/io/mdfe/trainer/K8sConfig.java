package io.mdfe.trainer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Whether trainer-service is a Kubernetes operator ({@code mdfe.k8s.enabled}, off by default, on in the Helm
 * chart): it then reconciles the TrainingRuns of its namespace, which needs {@code mdfe.trainer.launcher=kubernetes}.
 */
@ConfigMapping(prefix = "mdfe.k8s")
public interface K8sConfig {

    /** @return whether the TrainingRun reconciler runs */
    @WithDefault("false")
    boolean enabled();

    /** @return how often every TrainingRun is reconciled again (this mirrors its run's progress) */
    @WithDefault("15s")
    Duration resync();

    /** @return how long a training pod may fail to pull its image before its TrainingRun is failed */
    @WithDefault("10m")
    Duration imagePullDeadline();
}
