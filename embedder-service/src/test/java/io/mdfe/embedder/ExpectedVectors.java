package io.mdfe.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdfe.proto.common.Embedding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embeddings the test bundles must give for some images, computed in-process once per version, so a
 * test can check any answer against the model its response names.
 */
final class ExpectedVectors {

    private final Map<String, Path> bundles;
    private final List<byte[]> images;
    private final Map<String, float[][]> byVersion = new ConcurrentHashMap<>();

    /**
     * @param bundles bundle directory by model version
     * @param images the encoded images
     */
    ExpectedVectors(Map<String, Path> bundles, List<byte[]> images) {
        this.bundles = bundles;
        this.images = images;
    }

    /** {@return the embedding of image {@code image} by model {@code version}} */
    float[] of(String version, int image) {
        Path bundle = bundles.get(version);
        if (bundle == null) {
            throw new AssertionError("a response names model version '" + version + "', not one of " + bundles.keySet());
        }
        return byVersion.computeIfAbsent(version, v -> {
            try {
                return TestBundles.embed(bundle, images);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })[image];
    }

    /** Asserts {@code actual} is model {@code version}'s embedding of image {@code image}, optionally L2-normalised. */
    void assertMatches(String version, int image, boolean normalized, Embedding actual) {
        float[] expected = of(version, image);
        double norm = 0;
        for (float v : expected) {
            norm += (double) v * v;
        }
        double scale = normalized ? Math.sqrt(norm) : 1;
        assertEquals(expected.length, actual.getValuesCount());
        assertEquals(expected.length, actual.getDim());
        assertEquals(version, actual.getModel().getVersion());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] / scale, actual.getValues(i), 1e-4, "component " + i + " of image " + image
                    + " by " + version);
        }
    }
}
