package io.mdfe.eval.index;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.VectorIndex;
import io.mdfe.proto.index.AddVectorsRequest;
import io.mdfe.proto.index.AddVectorsResponse;
import io.mdfe.proto.index.BuildRequest;
import io.mdfe.proto.index.BuildResponse;
import io.mdfe.proto.index.DeleteRequest;
import io.mdfe.proto.index.QueryNeighbors;
import io.mdfe.proto.index.SearchRequest;
import io.mdfe.proto.index.SearchResponse;
import io.mdfe.proto.index.Vector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * One index of the index-service behind core's {@link VectorIndex}: vectors go up in AddVectors streams, the
 * build and the searches are gRPC calls, and {@link #close} deletes the index. Vectors and queries travel in
 * messages of at most {@value #FLOATS_PER_MESSAGE} floats (about 1 MB, well under gRPC's 4 MB default limit),
 * one call in flight at a time, so neither side buffers a whole evaluation set.
 */
final class IndexServiceIndex implements VectorIndex {

    private static final Logger LOG = Logger.getLogger(IndexServiceIndex.class);
    static final int FLOATS_PER_MESSAGE = 1 << 18;

    private final IndexServiceIndexes service;
    private final String name;
    private final IndexSpec spec;
    private long size;

    IndexServiceIndex(IndexServiceIndexes service, String name, IndexSpec spec) {
        this.service = service;
        this.name = name;
        this.spec = spec;
    }

    @Override
    public IndexSpec spec() {
        return spec;
    }

    @Override
    public void add(float[] vectors, int count) {
        int dim = spec.dim();
        if (vectors.length != (long) count * dim) {
            throw new IllegalArgumentException(name + ": " + vectors.length + " floats are not " + count + " vectors of "
                    + dim);
        }
        int perMessage = Math.max(1, FLOATS_PER_MESSAGE / dim);
        for (int start = 0; start < count; start += perMessage) {
            AddVectorsRequest.Builder message = AddVectorsRequest.newBuilder().setName(name);
            int end = Math.min(count, start + perMessage);
            for (int row = start; row < end; row++) {
                message.addVectors(vector(vectors, row, dim));
            }
            size = send(message.build()).getSize();
        }
    }

    /** One AddVectors stream with one message; waits for the answer, so one message is in flight at a time. */
    private AddVectorsResponse send(AddVectorsRequest message) {
        CompletableFuture<AddVectorsResponse> answer = new CompletableFuture<>();
        StreamObserver<AddVectorsRequest> stream = service.async().addVectors(new StreamObserver<>() {
            @Override
            public void onNext(AddVectorsResponse value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                answer.completeExceptionally(Status.INTERNAL.withDescription("no AddVectorsResponse").asRuntimeException());
            }
        });
        stream.onNext(message);
        stream.onCompleted();
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding vectors to index '" + name + "'", e);
        } catch (ExecutionException e) {
            StatusRuntimeException status = e.getCause() instanceof StatusRuntimeException s ? s
                    : Status.fromThrowable(e.getCause()).asRuntimeException();
            throw new IndexServiceException(service.target(), "AddVectors", name, status);
        }
    }

    @Override
    public BuildReport build() {
        BuildResponse built;
        try {
            built = service.blocking().build(BuildRequest.newBuilder().setName(name).build());
        } catch (StatusRuntimeException e) {
            throw new IndexServiceException(service.target(), "Build", name, e);
        }
        return new BuildReport(built.getVectors(),
                Duration.ofSeconds(built.getBuildTime().getSeconds(), built.getBuildTime().getNanos()),
                built.hasRecallAt1() ? OptionalDouble.of(built.getRecallAt1()) : OptionalDouble.empty(),
                built.hasRecallAt5() ? OptionalDouble.of(built.getRecallAt5()) : OptionalDouble.empty(),
                built.getSampleQueries(), built.getBytes());
    }

    @Override
    public Neighbors search(float[] queries, int count, int k) {
        int dim = spec.dim();
        if (queries.length != (long) count * dim) {
            throw new IllegalArgumentException(name + ": " + queries.length + " floats are not " + count
                    + " queries of " + dim);
        }
        int[] ids = new int[count * k];
        float[] distances = new float[count * k];
        Arrays.fill(ids, -1);
        Arrays.fill(distances, Float.NaN);
        // Bounded both ways: the request's queries and the answer's k neighbours each.
        int perCall = Math.max(1, FLOATS_PER_MESSAGE / Math.max(dim, 2 * k));
        for (int start = 0; start < count; start += perCall) {
            int end = Math.min(count, start + perCall);
            SearchRequest.Builder request = SearchRequest.newBuilder().setName(name).setK(k);
            for (int row = start; row < end; row++) {
                request.addQueries(vector(queries, row, dim));
            }
            SearchResponse response;
            try {
                response = service.blocking().search(request.build());
            } catch (StatusRuntimeException e) {
                throw new IndexServiceException(service.target(), "Search", name, e);
            }
            if (response.getResultsCount() != end - start) {
                throw new IllegalStateException("index-service at " + service.target() + ": Search of index '" + name
                        + "' answered " + response.getResultsCount() + " results for " + (end - start) + " queries");
            }
            for (int q = start; q < end; q++) {
                QueryNeighbors found = response.getResults(q - start);
                int n = Math.min(k, found.getIdsCount());
                for (int r = 0; r < n; r++) {
                    ids[q * k + r] = found.getIds(r);
                    distances[q * k + r] = found.getDistances(r);
                }
            }
        }
        return new Neighbors(count, k, ids, distances);
    }

    @Override
    public long size() {
        return size;
    }

    /** The index-service keeps its built indexes itself. */
    @Override
    public void save(Path dir) {
        throw new UnsupportedOperationException("index '" + name + "' is kept by the index-service, not saved to "
                + dir);
    }

    /** Deletes the index from the index-service; a failure is logged, as the evaluation is done by then. */
    @Override
    public void close() {
        try {
            service.blocking().delete(DeleteRequest.newBuilder().setName(name).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                LOG.warnf("index-service at %s: could not delete index '%s': %s", service.target(), name,
                        e.getStatus());
            }
        }
    }

    private static Vector vector(float[] data, int row, int dim) {
        Vector.Builder v = Vector.newBuilder();
        for (int i = row * dim, end = i + dim; i < end; i++) {
            v.addValues(data[i]);
        }
        return v.build();
    }
}
