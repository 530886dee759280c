package io.mdfe.embedder.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.embedder.EmbedderConfig;
import io.mdfe.embedder.EmbedderRuntime;
import io.mdfe.embedder.batching.EmbedOutcome;
import io.mdfe.embedder.batching.ImageInput;
import io.mdfe.embedder.model.BundleUris;
import io.mdfe.proto.embedder.EmbedRequest;
import io.mdfe.proto.embedder.EmbedResponse;
import io.mdfe.proto.embedder.EmbedderService;
import io.mdfe.proto.embedder.GetModelRequest;
import io.mdfe.proto.embedder.LoadModelRequest;
import io.mdfe.proto.embedder.ModelInfo;
import io.mdfe.service.common.grpc.GrpcErrors;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.service.common.paths.ArtifactRoots;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@code mdfe.embedder.v1.EmbedderService} gRPC API over the {@link EmbedderRuntime}. Embed requests
 * are admitted to the dynamic batcher on the calling thread (admission never blocks) with the call's
 * deadline; a client that cancels the call cancels its request, which is then dropped before inference.
 * Every call is timed in {@code mdfe.embedder.request.latency{rpc, status}} (its count is the request count).
 */
@GrpcService
public class EmbedderGrpcService implements EmbedderService {

    private final EmbedderRuntime runtime;
    private final EmbedderConfig config;
    private final ImageInputs images;
    private final MeterRegistry registry;
    private final ArtifactRoots artifactRoots;

    EmbedderGrpcService(EmbedderRuntime runtime, EmbedderConfig config, MeterRegistry registry,
                        ArtifactRoots artifactRoots) {
        this.runtime = runtime;
        this.config = config;
        this.images = new ImageInputs(config.allowedImageRoot(), config.maxImagePixels());
        this.registry = registry;
        this.artifactRoots = artifactRoots;
    }

    @Override
    public Uni<EmbedResponse> embed(EmbedRequest request) {
        return timed("Embed", embedOne(request, Context.current().getDeadline()));
    }

    /** Each request is timed on its own; the stream as a whole ends with the first call-level error. */
    @Override
    public Multi<EmbedResponse> embedStream(Multi<EmbedRequest> requests) {
        Deadline deadline = Context.current().getDeadline();
        return requests.onItem().transformToUni(request -> timed("EmbedStream", embedOne(request, deadline)))
                .merge(config.streamWindow());
    }

    @Override
    public Uni<ModelInfo> getModel(GetModelRequest request) {
        return timed("GetModel", Uni.createFrom().item(() -> runtime.slot().peek().map(Messages::modelInfo)
                .orElseThrow(() -> Status.FAILED_PRECONDITION.withDescription("no model is loaded").asRuntimeException())));
    }

    /**
     * Waits for the loader without holding a thread: the load runs on the loader's own thread. The bundle must
     * lie inside the artifact roots ({@link ArtifactRoots}).
     */
    @Override
    public Uni<ModelInfo> loadModel(LoadModelRequest request) {
        return timed("LoadModel", Uni.createFrom().completionStage(() -> {
            BundleUris.confine("bundle_uri", request.getBundleUri(), artifactRoots);
            return runtime.loader().load(request.getBundleUri());
        }).map(Messages::modelInfo));
    }

    private Uni<EmbedResponse> embedOne(EmbedRequest request, Deadline deadline) {
        return Uni.createFrom().deferred(() -> {
            int n = request.getImagesCount();
            if (n > config.maxImagesPerRequest()) {
                return Uni.createFrom().failure(ServiceException.invalidArgument("images: " + n + " images, at most "
                        + config.maxImagesPerRequest() + " per request"));
            }
            List<ImageInput> inputs = request.getImagesList().stream().map(images::of).toList();
            CompletableFuture<EmbedOutcome> outcome = runtime.batcher().submit(inputs, request.getNormalize(), deadline);
            return Uni.createFrom().completionStage(outcome)
                    .onCancellation().invoke(() -> outcome.cancel(false))
                    .map(o -> Messages.response(request.getRequestId(), o));
        });
    }

    private <T> Uni<T> timed(String rpc, Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return call.onFailure().transform(EmbedderGrpcService::toStatus)
                    .onTermination().invoke((item, failure, cancelled) -> sample.stop(Timer.builder("mdfe.embedder.request.latency")
                            .description("gRPC call latency by method and status").publishPercentileHistogram()
                            .tag("rpc", rpc).tag("status", status(failure, cancelled)).register(registry)));
        });
    }

    /**
     * The batcher's and the loader's futures fail with their cause wrapped in a CompletionException, and a
     * cancelled one with a CancellationException.
     */
    private static StatusRuntimeException toStatus(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof CancellationException ? GrpcErrors.toStatus(Status.CANCELLED, cause)
                : GrpcErrors.toStatus(cause);
    }

    private static String status(Throwable failure, boolean cancelled) {
        if (cancelled) {
            return Status.Code.CANCELLED.name();
        }
        return failure instanceof StatusRuntimeException e ? e.getStatus().getCode().name()
                : failure == null ? Status.Code.OK.name() : Status.Code.INTERNAL.name();
    }
}
