package io.mdfe.data.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Status;
import io.mdfe.data.catalog.DatasetCatalog;
import io.mdfe.data.catalog.DatasetInfos;
import io.mdfe.data.catalog.DatasetRecord;
import io.mdfe.data.catalog.FrozenManifest;
import io.mdfe.data.catalog.Registration;
import io.mdfe.data.catalog.VersionRecord;
import io.mdfe.data.events.DatasetEventJournal;
import io.mdfe.proto.data.ClassCount;
import io.mdfe.proto.data.DataService;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.data.GetClassDistributionRequest;
import io.mdfe.proto.data.GetClassDistributionResponse;
import io.mdfe.proto.data.GetManifestRequest;
import io.mdfe.proto.data.GetManifestResponse;
import io.mdfe.proto.data.ImageData;
import io.mdfe.proto.data.ListDatasetsRequest;
import io.mdfe.proto.data.ListDatasetsResponse;
import io.mdfe.proto.data.ListVersionsRequest;
import io.mdfe.proto.data.ListVersionsResponse;
import io.mdfe.proto.data.ManifestEntry;
import io.mdfe.proto.data.RegisterDatasetRequest;
import io.mdfe.proto.data.StreamImagesRequest;
import io.mdfe.service.common.grpc.GrpcErrors;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.service.common.paths.RootedPaths;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The {@code mdfe.data.v1.DataService} gRPC API over the {@link DatasetCatalog}. Everything that touches
 * the disk or waits for Kafka runs on worker threads, never on the event loop; failures become
 * INVALID_ARGUMENT, NOT_FOUND or FAILED_PRECONDITION with a message naming the field or file.
 */
@GrpcService
@RegisterInterceptor(TransportReadinessInterceptor.class)
public class DataGrpcService implements DataService {

    /** Page size when a request gives none. */
    static final int DEFAULT_PAGE_SIZE = 1000;
    /** Larger page sizes are served as this many entries. */
    static final int MAX_PAGE_SIZE = 10_000;

    private final DatasetCatalog catalog;
    private final DatasetEventJournal journal;
    private final Counter imagesRead;

    DataGrpcService(DatasetCatalog catalog, DatasetEventJournal journal, MeterRegistry registry) {
        this.catalog = catalog;
        this.journal = journal;
        this.imagesRead = Counter.builder("mdfe.data.images.read")
                .description("Image files read from disk for StreamImages")
                .register(registry);
    }

    /** Reads and hashes the dataset's annotations and writes the event durably: blocking. */
    @Override
    @Blocking
    public Uni<DatasetInfo> registerDataset(RegisterDatasetRequest request) {
        return call(() -> {
            Registration registration = catalog.register(request.getDatasetId(), request.getRoot(),
                    DatasetInfos.layout(request.getFormat()), request.getNamesList(), journal);
            DatasetRecord dataset = registration.dataset();
            return DatasetInfos.of(dataset, dataset.current());
        });
    }

    @Override
    public Uni<ListDatasetsResponse> listDatasets(ListDatasetsRequest request) {
        return call(() -> {
            ListDatasetsResponse.Builder response = ListDatasetsResponse.newBuilder();
            catalog.datasets().forEach(d -> response.addDatasets(DatasetInfos.of(d, d.current())));
            return response.build();
        });
    }

    @Override
    public Uni<ListVersionsResponse> listVersions(ListVersionsRequest request) {
        return call(() -> {
            DatasetRecord dataset = catalog.dataset(request.getDatasetId());
            ListVersionsResponse.Builder response = ListVersionsResponse.newBuilder()
                    .setCurrentVersion(dataset.currentVersion());
            dataset.versions().forEach(v -> response.addVersions(DatasetInfos.of(dataset, v)));
            return response.build();
        });
    }

    /** May load a manifest from disk: blocking. */
    @Override
    @Blocking
    public Uni<GetManifestResponse> getManifest(GetManifestRequest request) {
        return call(() -> {
            if (request.getPageSize() < 0) {
                throw ServiceException.invalidArgument("page_size: must not be negative, got " + request.getPageSize());
            }
            DatasetRecord dataset = catalog.dataset(request.getDatasetId());
            PageToken start = request.getPageToken().isEmpty()
                    ? new PageToken(dataset.id(), catalog.version(dataset, request.getVersion()).version(), 0)
                    : PageToken.decode(request.getPageToken(), dataset.id());
            if (!request.getVersion().isEmpty() && !request.getVersion().equals(start.version())) {
                throw ServiceException.invalidArgument(
                        "page_token: issued for version " + start.version() + ", not " + request.getVersion());
            }
            VersionRecord version = catalog.version(dataset, start.version());
            FrozenManifest manifest = catalog.manifest(dataset, version);
            if (start.offset() > manifest.size()) {
                throw ServiceException.invalidArgument("page_token: offset beyond the manifest");
            }
            int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : Math.min(request.getPageSize(), MAX_PAGE_SIZE);
            int end = (int) Math.min((long) start.offset() + pageSize, manifest.size());
            GetManifestResponse.Builder page = GetManifestResponse.newBuilder()
                    .setVersion(version.version())
                    .setTotalSamples(manifest.size());
            for (int i = start.offset(); i < end; i++) {
                page.addEntries(ManifestEntry.newBuilder().setRelativePath(manifest.paths().get(i))
                        .setLabel(manifest.label(i)));
            }
            if (end < manifest.size()) {
                page.setNextPageToken(new PageToken(dataset.id(), version.version(), end).encode());
            }
            return page.build();
        });
    }

    /** May load a manifest from disk: blocking. */
    @Override
    @Blocking
    public Uni<GetClassDistributionResponse> getClassDistribution(GetClassDistributionRequest request) {
        return call(() -> {
            DatasetRecord dataset = catalog.dataset(request.getDatasetId());
            VersionRecord version = catalog.version(dataset, request.getVersion());
            long[] counts = catalog.manifest(dataset, version).classCounts();
            GetClassDistributionResponse.Builder response = GetClassDistributionResponse.newBuilder()
                    .setVersion(version.version());
            for (int label = 0; label < counts.length; label++) {
                response.addClasses(ClassCount.newBuilder().setLabel(label).setNumSamples(counts[label]));
            }
            return response.build();
        });
    }

    /**
     * Not {@code @Blocking}: it runs on the calling thread only to pick up the call's
     * {@link TransportReadiness}; the manifest and every file are read on worker threads, one file at a
     * time and only when the transport is ready for another message.
     */
    @Override
    public Multi<ImageData> streamImages(StreamImagesRequest request) {
        TransportReadiness readiness = TransportReadiness.current();
        Context call = Context.current();
        return Uni.createFrom().item(() -> selection(request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToMulti(selection -> Multi.createFrom().range(selection.from(), selection.to())
                        .onItem().transformToUniAndConcatenate(index -> readiness.whenReady()
                                .chain(() -> Uni.createFrom().item(() -> image(selection, index, call))
                                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))))
                .onFailure().transform(GrpcErrors::toStatus);
    }

    /** The manifest positions a stream request selects, {@code [from, to)}. */
    private record Selection(DatasetRecord dataset, FrozenManifest manifest, int from, int to, RootedPaths root) {
    }

    private Selection selection(StreamImagesRequest request) {
        DatasetRecord dataset = catalog.dataset(request.getDatasetId());
        FrozenManifest manifest = catalog.manifest(dataset, catalog.version(dataset, request.getVersion()));
        long offset = request.getRange().getOffset();
        long limit = request.getRange().getLimit();
        if (offset < 0 || offset > manifest.size() || limit < 0) {
            throw ServiceException.invalidArgument("range: offset " + offset
                    + " and limit " + limit + " must be non-negative, offset at most " + manifest.size());
        }
        long to = limit == 0 ? manifest.size() : Math.min(manifest.size(), offset + limit);
        return new Selection(dataset, manifest, (int) offset, (int) to, catalog.imageRoot(dataset));
    }

    /** One image, unless the call is over (deadline, client gone): a stream stops reading files then. */
    private ImageData image(Selection selection, int index, Context call) {
        if (call.isCancelled()) {
            throw Status.fromThrowable(call.cancellationCause()).withDescription("stream stopped at image " + index
                    + ": the call is over").asRuntimeException();
        }
        String relativePath = selection.manifest().paths().get(index);
        Path file = selection.root().confine("image " + relativePath,
                catalog.imageFile(selection.dataset(), relativePath));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ServiceException.notFound(
                    "image " + file + " of dataset '" + selection.dataset().id() + "' does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + file, e);
        }
        imagesRead.increment();
        return ImageData.newBuilder().setIndex(index).setRelativePath(relativePath)
                .setLabel(selection.manifest().label(index)).setData(ByteString.copyFrom(bytes)).build();
    }

    private static <T> Uni<T> call(Supplier<T> work) {
        return Uni.createFrom().item(work).onFailure().transform(GrpcErrors::toStatus);
    }
}
