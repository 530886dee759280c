package io.mdfe.service.common;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The keys every service that is a Kubernetes operator reads under {@code mdfe.k8s} (off by default, on in the Helm
 * chart). Each such service maps {@code mdfe.k8s} with its own interface extending this one, which adds its own
 * keys; this one is not a mapping itself, so services without an operator read nothing here.
 */
public interface OperatorConfig {

    /** @return whether the service's reconciler runs */
    @WithDefault("false")
    boolean enabled();

    /** @return how often every resource the reconciler watches is reconciled again */
    @WithDefault("15s")
    Duration resync();
}
