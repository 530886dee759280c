package io.mdfe.trainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives the packaged application of an {@code *IT} (prod profile) writable state, runs and data directories
 * in a fresh temporary directory instead of {@code /var/lib/mdfe} and {@code /data}.
 */
public class TrainerStateResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("trainer-it-");
            return Map.of("mdfe.trainer.state-dir", dir.resolve("state").toString(),
                    "mdfe.trainer.runs-dir", dir.resolve("runs").toString(),
                    "mdfe.trainer.allowed-data-root", Files.createDirectories(dir.resolve("data")).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the directory is left for inspection after a failed run, like target/test-state of the @QuarkusTests
    }
}
