package io.mdfe.eval;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.VectorIndex;
import io.mdfe.core.index.exact.ExactIndexFactory;
import io.mdfe.proto.index.AddVectorsRequest;
import io.mdfe.proto.index.AddVectorsResponse;
import io.mdfe.proto.index.BuildRequest;
import io.mdfe.proto.index.BuildResponse;
import io.mdfe.proto.index.CreateIndexRequest;
import io.mdfe.proto.index.DeleteRequest;
import io.mdfe.proto.index.DeleteResponse;
import io.mdfe.proto.index.IndexServiceGrpc;
import io.mdfe.proto.index.IndexStats;
import io.mdfe.proto.index.QueryNeighbors;
import io.mdfe.proto.index.SearchRequest;
import io.mdfe.proto.index.SearchResponse;
import io.mdfe.proto.index.Vector;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-scope stand-in of the index-service's gRPC API (CreateIndex, AddVectors, Build, Search, Delete), backed by
 * core's {@link io.mdfe.core.index.exact.ExactIndex} and served by the eval-service under test, whose index client
 * reaches it on the test port. The tests of eval-service cannot start the index-service (no service imports
 * another); the real one is exercised by the system test. It keeps a log of the calls, so tests can check that
 * every index a final evaluation created was deleted again.
 */
@GrpcService
@Blocking
public class ExactIndexService extends IndexServiceGrpc.IndexServiceImplBase {

    /** Every call, e.g. {@code CreateIndex eval-<job>-1}, in order. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** The indexes that exist now. */
    static final Map<String, VectorIndex> INDEXES = new ConcurrentHashMap<>();

    private final ExactIndexFactory exact = new ExactIndexFactory();

    @Override
    public void createIndex(CreateIndexRequest request, StreamObserver<IndexStats> response) {
        CALLS.add("CreateIndex " + request.getName());
        if (!request.getBackend().equals("exact")) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("backend: only exact here").asRuntimeException());
            return;
        }
        if (INDEXES.containsKey(request.getName())) {
            response.onError(Status.ALREADY_EXISTS.withDescription(request.getName()).asRuntimeException());
            return;
        }
        io.mdfe.proto.index.IndexSpec spec = request.getSpec();
        INDEXES.put(request.getName(), exact.create(new IndexSpec(spec.getModel().getModelId(),
                spec.getModel().getVersion(), spec.getDim(), Metric.valueOf(spec.getMetric().name())), Map.of()));
        response.onNext(IndexStats.newBuilder().setName(request.getName()).setBackend("exact").build());
        response.onCompleted();
    }

    @Override
    public StreamObserver<AddVectorsRequest> addVectors(StreamObserver<AddVectorsResponse> response) {
        return new StreamObserver<>() {
            private String name;
            private long added;

            @Override
            public void onNext(AddVectorsRequest message) {
                if (name == null) {
                    name = message.getName();
                    CALLS.add("AddVectors " + name);
                }
                VectorIndex index = INDEXES.get(name);
                int dim = index.spec().dim();
                float[] data = new float[message.getVectorsCount() * dim];
                for (int i = 0; i < message.getVectorsCount(); i++) {
                    Vector v = message.getVectors(i);
                    for (int j = 0; j < dim; j++) {
                        data[i * dim + j] = v.getValues(j);
                    }
                }
                index.add(data, message.getVectorsCount());
                added += message.getVectorsCount();
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                response.onNext(AddVectorsResponse.newBuilder().setAdded(added).setSize(INDEXES.get(name).size())
                        .build());
                response.onCompleted();
            }
        };
    }

    @Override
    public void build(BuildRequest request, StreamObserver<BuildResponse> response) {
        CALLS.add("Build " + request.getName());
        BuildReport report = INDEXES.get(request.getName()).build();
        response.onNext(BuildResponse.newBuilder().setVectors(report.vectors()).setBytes(report.bytes()).build());
        response.onCompleted();
    }

    @Override
    public void search(SearchRequest request, StreamObserver<SearchResponse> response) {
        CALLS.add("Search " + request.getName());
        VectorIndex index = INDEXES.get(request.getName());
        int dim = index.spec().dim();
        float[] queries = new float[request.getQueriesCount() * dim];
        for (int i = 0; i < request.getQueriesCount(); i++) {
            for (int j = 0; j < dim; j++) {
                queries[i * dim + j] = request.getQueries(i).getValues(j);
            }
        }
        Neighbors found = index.search(queries, request.getQueriesCount(), request.getK());
        SearchResponse.Builder answer = SearchResponse.newBuilder();
        for (int q = 0; q < found.queries(); q++) {
            QueryNeighbors.Builder row = QueryNeighbors.newBuilder();
            for (int r = 0; r < found.k() && found.id(q, r) >= 0; r++) {
                row.addIds(found.id(q, r)).addDistances(found.distance(q, r));
            }
            answer.addResults(row);
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<DeleteResponse> response) {
        CALLS.add("Delete " + request.getName());
        VectorIndex removed = INDEXES.remove(request.getName());
        if (removed == null) {
            response.onError(Status.NOT_FOUND.withDescription(request.getName()).asRuntimeException());
            return;
        }
        removed.close();
        response.onNext(DeleteResponse.getDefaultInstance());
        response.onCompleted();
    }
}
