package io.mdfe.helm;

import java.nio.file.Path;
import java.util.Optional;

/** The value sets the chart is rendered, linted and checked with. */
public enum ValueSet {
    /** The chart's own values.yaml: external Kafka, TLS and tokens on, CPU only. */
    DEFAULT(null),
    /** k8s/examples/values-gpu-cluster.yaml: GPU pool for trainer Jobs and the embedder, Milvus, mutual TLS. */
    GPU_CLUSTER("k8s/examples/values-gpu-cluster.yaml"),
    /** An external Kafka on other ports, reached through an ipBlock. */
    EXTERNAL_KAFKA("helm-tests/src/test/resources/values/external-kafka.yaml"),
    /** The development single-node KRaft broker; plaintext, no tokens (native gRPC probes). */
    DEV_KAFKA("helm-tests/src/test/resources/values/dev-kafka.yaml"),
    /** Milvus on, with its token from a Secret. */
    MILVUS("helm-tests/src/test/resources/values/milvus.yaml");

    private final String file;

    ValueSet(String file) {
        this.file = file;
    }

    /** @return the values file, relative paths resolved against the repository root; empty for DEFAULT */
    public Optional<Path> file() {
        return Optional.ofNullable(file).map(f -> Chart.repoRoot().resolve(f));
    }
}
