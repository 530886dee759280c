package io.mdfe.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.mdfe.proto.common.ImageRef;
import io.mdfe.proto.embedder.EmbedRequest;
import io.mdfe.proto.embedder.EmbedResponse;
import io.mdfe.proto.embedder.EmbedderServiceGrpc;
import io.mdfe.service.common.testing.ServiceBootTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Boot test of the embedder-service (gRPC health, reflection, ServiceInfo, /q/health, /q/metrics) and its real
 * work: an image embedded by the served bundle, equal to the same bundle's embedding computed in-process.
 */
@QuarkusTest
@QuarkusTestResource(EmbedderTestResource.class)
class EmbedderServiceTest extends ServiceBootTest {

    @Override
    protected String expectedServiceName() {
        return "embedder-service";
    }

    @Test
    void embedsAnImageWithTheServedBundle() throws Exception {
        byte[] circle = Files.readAllBytes(Path.of(System.getProperty(EmbedderTestResource.IMAGE_ROOT), "circle_0.jpg"));
        EmbedResponse response = EmbedderServiceGrpc.newBlockingStub(channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                .embed(EmbedRequest.newBuilder().setRequestId("boot").setNormalize(true)
                        .addImages(ImageRef.newBuilder().setData(ByteString.copyFrom(circle))).build());

        assertEquals(1, response.getResultsCount());
        new ExpectedVectors(Map.of("v1", Path.of(System.getProperty(EmbedderTestResource.BUNDLE_V1))), List.of(circle))
                .assertMatches("v1", 0, true, response.getResults(0).getEmbedding());
    }
}
