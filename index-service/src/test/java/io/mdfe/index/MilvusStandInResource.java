package io.mdfe.index;

import io.mdfe.core.index.milvus.MilvusStandIn;
import io.mdfe.core.io.AtomicFiles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the in-process {@link MilvusStandIn} (a stand-in of the Milvus gRPC service, not Milvus) and a
 * fresh state directory, and points the service at both. The values are also set as system properties
 * {@link #URI}, {@link #TOKEN} and {@link #STATE_DIR}, so a test can open a second catalogue on them
 * (the test resource and the test share a JVM in {@code @QuarkusTest} and {@code @QuarkusIntegrationTest}).
 */
public class MilvusStandInResource implements QuarkusTestResourceLifecycleManager {

    static final String URI = "mdfe.test.milvus.uri";
    static final String TOKEN = "mdfe.test.milvus.token";
    static final String STATE_DIR = "mdfe.test.index.state-dir";
    private static final String TEST_TOKEN = "root:Milvus-test";

    private MilvusStandIn milvus;
    private Path stateDir;

    @Override
    public Map<String, String> start() {
        try {
            milvus = MilvusStandIn.start();
            stateDir = Files.createTempDirectory("mdfe-index-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(URI, milvus.uri());
        System.setProperty(TOKEN, TEST_TOKEN);
        System.setProperty(STATE_DIR, stateDir.toString());
        return Map.of("mdfe.index.milvus.uri", milvus.uri(), "mdfe.index.milvus.token", TEST_TOKEN,
                "mdfe.index.state-dir", stateDir.toString());
    }

    @Override
    public void stop() {
        try {
            milvus.close();
            AtomicFiles.deleteRecursively(stateDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
