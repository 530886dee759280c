package io.mdfe.eval;

import io.mdfe.service.common.OperatorConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Whether eval-service is a Kubernetes operator ({@code mdfe.k8s.enabled}, off by default, on in the Helm chart):
 * it then reconciles the Evaluations of its namespace every {@code mdfe.k8s.resync} and, with
 * {@code mdfe.k8s.mirror}, gives every evaluation asked for over gRPC or by a training event an Evaluation resource
 * too.
 */
@ConfigMapping(prefix = "mdfe.k8s")
public interface K8sConfig extends OperatorConfig {

    /** @return whether gRPC- and event-triggered evaluations get Evaluation resources */
    @WithDefault("true")
    boolean mirror();
}
