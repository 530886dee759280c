package io.mdfe.cli.system;

import java.util.Locale;

/** The five services of the system, in the order they are listed (and started). */
public enum ServiceName {
    /** Datasets, versions, manifests. */
    DATA("data-service"),
    /** Training runs. */
    TRAINER("trainer-service"),
    /** Embedding inference. */
    EMBEDDER("embedder-service"),
    /** Vector indexes. */
    INDEX("index-service"),
    /** UnED evaluations. */
    EVAL("eval-service");

    private final String serviceName;

    ServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    /** {@return the short key used in configs/system.yaml and the run state, e.g. "data"} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return the service's name, which is also its Maven module folder, e.g. "data-service"} */
    public String serviceName() {
        return serviceName;
    }
}
