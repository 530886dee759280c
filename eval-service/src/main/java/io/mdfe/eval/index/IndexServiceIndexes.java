package io.mdfe.eval.index;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.core.index.IndexFactory;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.VectorIndex;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.index.CreateIndexRequest;
import io.mdfe.proto.index.DeleteRequest;
import io.mdfe.proto.index.IndexServiceGrpc;
import io.mdfe.proto.index.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes indexes in the index-service for one evaluation job. Their names are deterministic,
 * {@code <prefix>-<n>} for the n-th index of the job, so an evaluation that is redone after a crash replaces
 * the leftovers of its first attempt instead of piling up new ones; each index is deleted when the evaluator
 * closes it.
 */
public final class IndexServiceIndexes implements IndexFactory {

    private final Channel channel;
    private final String target;
    private final String backend;
    private final String prefix;
    private final Duration timeout;
    private final AtomicInteger created = new AtomicInteger();

    /**
     * @param channel the gRPC channel to the index-service
     * @param target its address, for messages
     * @param backend the index-service backend: exact, annoy or milvus
     * @param prefix the name prefix of this job's indexes (letters, digits, '.', '_', '-')
     * @param timeout the deadline of each call
     */
    public IndexServiceIndexes(Channel channel, String target, String backend, String prefix, Duration timeout) {
        this.channel = channel;
        this.target = target;
        this.backend = backend;
        this.prefix = prefix;
        this.timeout = timeout;
    }

    @Override
    public VectorIndex create(IndexSpec spec, Map<String, String> params) {
        String name = prefix + "-" + created.incrementAndGet();
        CreateIndexRequest request = CreateIndexRequest.newBuilder()
                .setName(name)
                .setBackend(backend)
                .setSpec(io.mdfe.proto.index.IndexSpec.newBuilder()
                        .setModel(ModelRef.newBuilder().setModelId(spec.modelId()).setVersion(spec.modelVersion()))
                        .setDim(spec.dim())
                        .setMetric(Metric.valueOf(spec.metric().name())))
                .putAllParams(params)
                .build();
        try {
            blocking().createIndex(request);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw new IndexServiceException(target, "CreateIndex", name, e);
            }
            // Left by an earlier attempt of this job that was cut off: replace it.
            try {
                blocking().delete(DeleteRequest.newBuilder().setName(name).build());
                blocking().createIndex(request);
            } catch (StatusRuntimeException again) {
                throw new IndexServiceException(target, "CreateIndex (replacing a leftover)", name, again);
            }
        }
        return new IndexServiceIndex(this, name, spec);
    }

    /** Indexes of the index-service are opened by name, not from a directory. */
    @Override
    public VectorIndex load(Path dir) throws IOException {
        throw new IOException("index-service indexes are not loaded from a directory (" + dir + ")");
    }

    IndexServiceGrpc.IndexServiceBlockingStub blocking() {
        return IndexServiceGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    IndexServiceGrpc.IndexServiceStub async() {
        return IndexServiceGrpc.newStub(channel).withDeadlineAfter(timeout.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    String target() {
        return target;
    }
}
