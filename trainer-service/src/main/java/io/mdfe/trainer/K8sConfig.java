package io.mdfe.trainer;

import io.mdfe.service.common.OperatorConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Whether trainer-service is a Kubernetes operator ({@code mdfe.k8s.enabled}, off by default, on in the Helm
 * chart): it then reconciles the TrainingRuns of its namespace every {@code mdfe.k8s.resync} (which mirrors each
 * run's progress), which needs {@code mdfe.trainer.launcher=kubernetes}.
 */
@ConfigMapping(prefix = "mdfe.k8s")
public interface K8sConfig extends OperatorConfig {

    /** @return how long a training pod may fail to pull its image before its TrainingRun is failed */
    @WithDefault("10m")
    Duration imagePullDeadline();

    /**
     * @return how long a training pod may find no node that fits it before its TrainingRun is failed: long enough
     *         for a cluster autoscaler to add a GPU node; zero fails it at once (a pool of fixed size)
     */
    @WithDefault("15m")
    Duration schedulingDeadline();
}
