package io.mdfe.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdfe.data.TestDatasets.Row;
import io.mdfe.proto.data.DataServiceGrpc;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.data.ImageData;
import io.mdfe.proto.data.RegisterDatasetRequest;
import io.mdfe.proto.data.StreamImagesRequest;
import io.mdfe.service.common.testing.ScratchDirsResource;
import io.mdfe.service.common.testing.ServiceBootTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Boot test of the data-service (gRPC health, reflection, ServiceInfo, /q/health, /q/metrics) and its real
 * work: a dataset registered and its images streamed back over gRPC.
 */
@QuarkusTest
@WithTestResource(DataScratch.class)
class DataServiceTest extends ServiceBootTest {

    @Override
    protected String expectedServiceName() {
        return "data-service";
    }

    @Test
    void registersADatasetAndStreamsItsImages() throws Exception {
        Path root = ScratchDirsResource.dir(DataScratch.DATA_ROOT).resolve("boot-" + System.nanoTime());
        TestDatasets.writeCsvSet(root, "shop", List.of(new Row("a.png", 1), new Row("b.png", 2), new Row("c.png", 1)));
        DataServiceGrpc.DataServiceBlockingStub data = DataServiceGrpc.newBlockingStub(channel())
                .withDeadlineAfter(60, TimeUnit.SECONDS);

        DatasetInfo info = data.registerDataset(RegisterDatasetRequest.newBuilder()
                .setDatasetId(root.getFileName().toString()).setRoot(root.toString()).addNames("shop").build());
        assertEquals(3, info.getNumSamples());
        assertEquals(2, info.getNumClasses());
        List<ImageData> images = new ArrayList<>();
        data.streamImages(StreamImagesRequest.newBuilder().setDatasetId(info.getRef().getDatasetId()).build())
                .forEachRemaining(images::add);
        assertEquals(List.of("a.png", "b.png", "c.png"), images.stream().map(ImageData::getRelativePath).toList());
        for (ImageData image : images) {
            assertArrayEquals(Files.readAllBytes(root.resolve(image.getRelativePath())), image.getData().toByteArray());
        }
    }
}
