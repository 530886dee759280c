package io.mdfe.service.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives the application under test fresh directories for the config keys a subclass names, in one temporary
 * folder. The paths are also set as system properties of the test JVM under the same keys, so a test finds
 * them with {@link #dir(String)} both as a {@code @QuarkusTest} and as the {@code *IT} that runs the packaged
 * application in another process (where test code cannot read the application's config).
 */
public abstract class ScratchDirsResource implements QuarkusTestResourceLifecycleManager {

    /** @return config key to sub-directory of the scratch folder, e.g. {@code mdfe.data.state-dir -> state} */
    protected abstract Map<String, String> directories();

    @Override
    public Map<String, String> start() {
        try {
            Path scratch = Files.createTempDirectory(getClass().getSimpleName() + "-");
            Map<String, String> config = new LinkedHashMap<>();
            directories().forEach((key, sub) -> {
                String path = createDirectories(scratch.resolve(sub)).toString();
                config.put(key, path);
                System.setProperty(key, path);
            });
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // left for inspection after a failed run, like the @QuarkusTests' target/test-state
    }

    /**
     * @param key a config key a started resource set
     * @return its directory
     */
    public static Path dir(String key) {
        String path = System.getProperty(key);
        if (path == null) {
            throw new IllegalStateException("no scratch directory for " + key + ": is the test resource declared?");
        }
        return Path.of(path);
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
