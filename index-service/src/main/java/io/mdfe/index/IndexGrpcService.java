package io.mdfe.index;

import com.google.protobuf.Duration;
import io.grpc.Context;
import io.mdfe.core.concurrent.Cancellation;
import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.index.AddVectorsRequest;
import io.mdfe.proto.index.AddVectorsResponse;
import io.mdfe.proto.index.BuildRequest;
import io.mdfe.proto.index.BuildResponse;
import io.mdfe.proto.index.CreateIndexRequest;
import io.mdfe.proto.index.DeleteRequest;
import io.mdfe.proto.index.DeleteResponse;
import io.mdfe.proto.index.IndexService;
import io.mdfe.proto.index.IndexSpec;
import io.mdfe.proto.index.IndexStats;
import io.mdfe.proto.index.QueryNeighbors;
import io.mdfe.proto.index.SearchRequest;
import io.mdfe.proto.index.SearchResponse;
import io.mdfe.proto.index.StatsRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/**
 * The {@code mdfe.index.v1.IndexService} gRPC API over the {@link IndexCatalogue}. Index work blocks
 * (disk, Milvus round trips, search), so unary calls are {@link Blocking} and the AddVectors stream is
 * handled on the worker pool; nothing runs on the event loop. Errors map as {@link GrpcStatuses} says.
 * Every size a client sets is checked against {@link IndexLimits} first; Build and Search stop when the
 * call's deadline passes or the client cancels (the gRPC {@link Context} of the call).
 */
@GrpcService
public class IndexGrpcService implements IndexService {

    private final IndexCatalogue catalogue;
    private final IndexLimits limits;

    /** The service over {@code catalogue}, with the configured limits. */
    public IndexGrpcService(IndexCatalogue catalogue, IndexServiceConfig config) {
        this.catalogue = catalogue;
        this.limits = IndexLimits.of(config.limits());
    }

    @Override
    @Blocking
    public Uni<IndexStats> createIndex(CreateIndexRequest request) {
        return answer(() -> {
            limits.checkCreate(request.getSpec().getDim(), request.getParamsMap());
            return stats(catalogue.create(request.getName(), request.getBackend(), coreSpec(request.getSpec()),
                    request.getParamsMap()));
        });
    }

    /** Adds each message's vectors as it arrives, on a worker thread; ids continue in stream order. */
    @Override
    public Uni<AddVectorsResponse> addVectors(Multi<AddVectorsRequest> request) {
        AddStream stream = new AddStream();
        return request.emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().invoke(stream::accept)
                .collect().last()
                .map(last -> stream.response())
                .onFailure().transform(GrpcStatuses::toStatus);
    }

    @Override
    @Blocking
    public Uni<BuildResponse> build(BuildRequest request) {
        Cancellation cancellation = callCancellation();
        return answer(() -> buildResponse(catalogue.build(request.getName(), cancellation)));
    }

    @Override
    @Blocking
    public Uni<SearchResponse> search(SearchRequest request) {
        Cancellation cancellation = callCancellation();
        return answer(() -> {
            String name = request.getName();
            limits.checkSearch(request.getQueriesCount(), request.getK());
            int dim = catalogue.info(name).spec().dim();
            float[] queries = VectorRows.flatten(request.getQueriesList(), dim, "query", 0, name);
            return searchResponse(catalogue.search(name, queries, request.getQueriesCount(), request.getK(),
                    cancellation));
        });
    }

    @Override
    @Blocking
    public Uni<IndexStats> stats(StatsRequest request) {
        return answer(() -> stats(catalogue.info(request.getName())));
    }

    @Override
    @Blocking
    public Uni<DeleteResponse> delete(DeleteRequest request) {
        return answer(() -> {
            catalogue.delete(request.getName());
            return DeleteResponse.getDefaultInstance();
        });
    }

    /** The vectors of one AddVectors stream: which index, and how many were added so far. */
    private final class AddStream {
        private String name;
        private long added;
        private long size;

        void accept(AddVectorsRequest message) {
            if (name == null) {
                if (message.getName().isEmpty()) {
                    throw new IllegalArgumentException("the first AddVectors message must name the index");
                }
                name = message.getName();
            } else if (!message.getName().isEmpty() && !message.getName().equals(name)) {
                throw new IllegalArgumentException("an AddVectors stream adds to one index: '" + name + "', not '"
                        + message.getName() + "'");
            }
            limits.checkAdded(added + message.getVectorsCount());
            int dim = catalogue.info(name).spec().dim();
            float[] vectors = VectorRows.flatten(message.getVectorsList(), dim, "vector", added, name);
            size = catalogue.add(name, vectors, message.getVectorsCount());
            added += message.getVectorsCount();
        }

        AddVectorsResponse response() {
            return AddVectorsResponse.newBuilder().setAdded(added).setSize(size).build();
        }
    }

    /**
     * Whether the current call is over: its deadline passed or the client cancelled. Read on the calling
     * thread, where the call's gRPC context is current, and checked later from the worker that does the work.
     */
    private static Cancellation callCancellation() {
        Context call = Context.current();
        return call::isCancelled;
    }

    private static <T> Uni<T> answer(Supplier<T> work) {
        return Uni.createFrom().item(work).onFailure().transform(GrpcStatuses::toStatus);
    }

    private static io.mdfe.core.index.IndexSpec coreSpec(IndexSpec spec) {
        if (spec.getMetric() == io.mdfe.proto.index.Metric.METRIC_UNSPECIFIED
                || spec.getMetric() == io.mdfe.proto.index.Metric.UNRECOGNIZED) {
            throw new IllegalArgumentException("spec.metric is required: EUCLIDEAN, ANGULAR or DOT");
        }
        return new io.mdfe.core.index.IndexSpec(spec.getModel().getModelId(), spec.getModel().getVersion(), spec.getDim(),
                Metric.valueOf(spec.getMetric().name()));
    }

    private static IndexStats stats(IndexInfo info) {
        io.mdfe.core.index.IndexSpec spec = info.spec();
        return IndexStats.newBuilder().setName(info.name()).setBackend(info.backend())
                .setSpec(IndexSpec.newBuilder()
                        .setModel(ModelRef.newBuilder().setModelId(spec.modelId()).setVersion(spec.modelVersion()))
                        .setDim(spec.dim()).setMetric(io.mdfe.proto.index.Metric.valueOf(spec.metric().name())))
                .setSize(info.size()).setBuilt(info.built()).setBytes(info.bytes()).putAllParams(info.params()).build();
    }

    private static BuildResponse buildResponse(BuildReport report) {
        BuildResponse.Builder response = BuildResponse.newBuilder().setVectors(report.vectors())
                .setBuildTime(Duration.newBuilder().setSeconds(report.buildTime().getSeconds())
                        .setNanos(report.buildTime().getNano()))
                .setSampleQueries(report.sampleQueries()).setBytes(report.bytes());
        report.recallAt1().ifPresent(response::setRecallAt1);
        report.recallAt5().ifPresent(response::setRecallAt5);
        return response.build();
    }

    /** One result row per query, without the -1/NaN padding of {@link Neighbors}. */
    private static SearchResponse searchResponse(Neighbors neighbors) {
        SearchResponse.Builder response = SearchResponse.newBuilder();
        for (int q = 0; q < neighbors.queries(); q++) {
            QueryNeighbors.Builder row = QueryNeighbors.newBuilder();
            for (int r = 0; r < neighbors.k() && neighbors.id(q, r) >= 0; r++) {
                row.addIds(neighbors.id(q, r)).addDistances(neighbors.distance(q, r));
            }
            response.addResults(row);
        }
        return response.build();
    }
}
