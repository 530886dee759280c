package io.mdfe.embedder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gives every embedder test instance two demo-cnn bundles (versions {@code v1} and {@code v2}, different
 * weights), a broken bundle and an image root holding the repository's example images; the service
 * starts serving v1. Tests find the paths under {@code mdfe.test.*} (config; v1 and the image root also as
 * system properties of the test JVM).
 */
public class EmbedderTestResource implements QuarkusTestResourceLifecycleManager {

    /** Config key of the v1 bundle directory. */
    public static final String BUNDLE_V1 = "mdfe.test.bundle-v1";
    /** System property of the test JVM naming the image root (also for the *IT, where config is not readable). */
    public static final String IMAGE_ROOT = "mdfe.test.image-root";
    /** Config key of the v2 bundle directory. */
    public static final String BUNDLE_V2 = "mdfe.test.bundle-v2";
    /** Config key of a directory whose bundle.json is malformed. */
    public static final String BROKEN_BUNDLE = "mdfe.test.broken-bundle";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("embedder-test");
            Path v1 = TestBundles.write(dir.resolve("bundles/v1"), "v1", 1);
            Path v2 = TestBundles.write(dir.resolve("bundles/v2"), "v2", 2);
            Path broken = Files.createDirectories(dir.resolve("bundles/broken"));
            Files.writeString(broken.resolve("bundle.json"), "{\"format\": ");
            Path images = Files.createDirectories(dir.resolve("images"));
            try (Stream<Path> examples = Files.list(Path.of("..", "examples", "images"))) {
                for (Path example : examples.toList()) {
                    Files.copy(example, images.resolve(example.getFileName()));
                }
            }
            // The packaged application of an *IT runs in another process: its tests find the bundles here.
            System.setProperty(BUNDLE_V1, v1.toString());
            System.setProperty(IMAGE_ROOT, images.toString());
            return Map.of(
                    "mdfe.embedder.initial-bundle", v1.toUri().toString(),
                    "mdfe.embedder.model-dir", dir.resolve("models").toString(),
                    "mdfe.embedder.allowed-image-root", images.toString(),
                    "mdfe.artifact-roots", dir.resolve("bundles") + "," + dir.resolve("models"),
                    BUNDLE_V1, v1.toString(),
                    BUNDLE_V2, v2.toString(),
                    BROKEN_BUNDLE, broken.toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the embedder test bundles", e);
        }
    }

    @Override
    public void stop() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
