package io.mdfe.data.catalog;

import com.google.protobuf.Timestamp;
import io.mdfe.data.dataset.DatasetLayout;
import io.mdfe.proto.common.DatasetRef;
import io.mdfe.proto.data.DatasetFormat;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.service.common.grpc.ServiceException;
import java.time.Instant;
import java.util.Optional;

/** Conversions between catalog records and the {@code mdfe.data.v1} messages, shared by the API and the events. */
public final class DatasetInfos {

    private DatasetInfos() {
    }

    /**
     * Describes one version of a dataset.
     *
     * @param dataset the dataset
     * @param version one of its versions
     * @return the message
     */
    public static DatasetInfo of(DatasetRecord dataset, VersionRecord version) {
        return DatasetInfo.newBuilder()
                .setRef(DatasetRef.newBuilder().setDatasetId(dataset.id()).setVersion(version.version()))
                .setRoot(dataset.root())
                .setFormat(format(dataset.layout()))
                .addAllNames(dataset.names())
                .setNumSamples(version.numSamples())
                .setNumClasses(version.numClasses())
                .setRegisteredAt(timestamp(version.registeredAt()))
                .setPreviousVersion(version.previousVersion())
                .build();
    }

    /**
     * The wire form of a layout.
     *
     * @param layout CSV or UnED
     * @return the format
     */
    public static DatasetFormat format(DatasetLayout layout) {
        return switch (layout) {
            case CSV -> DatasetFormat.DATASET_FORMAT_CSV;
            case UNED -> DatasetFormat.DATASET_FORMAT_UNED;
        };
    }

    /**
     * The layout a request asks for.
     *
     * @param format the requested format
     * @return the layout, or empty for AUTO (detect)
     * @throws ServiceException INVALID_ARGUMENT for a value this service does not know
     */
    public static Optional<DatasetLayout> layout(DatasetFormat format) {
        return switch (format) {
            case DATASET_FORMAT_AUTO -> Optional.empty();
            case DATASET_FORMAT_CSV -> Optional.of(DatasetLayout.CSV);
            case DATASET_FORMAT_UNED -> Optional.of(DatasetLayout.UNED);
            case UNRECOGNIZED -> throw ServiceException.invalidArgument("format: unknown value");
        };
    }

    /**
     * A protobuf timestamp.
     *
     * @param instant the instant
     * @return the same instant
     */
    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
