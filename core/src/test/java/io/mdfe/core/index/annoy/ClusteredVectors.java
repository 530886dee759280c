package io.mdfe.core.index.annoy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.SplittableRandom;
import io.mdfe.core.io.AtomicFiles;

/**
 * Deterministic synthetic embeddings: Gaussian clusters around random centres, the shape of
 * retrieval embeddings (many classes, a few images each), for tests and {@code bench/knn_annoy}.
 */
public final class ClusteredVectors {

    private ClusteredVectors() {
    }

    /**
     * {@code rows x dim} row-major floats: {@code clusters} centres ~ N(0, 1), points = centre + N(0, spread^2).
     * The same arguments give the same numbers.
     */
    public static float[] generate(long seed, int rows, int dim, int clusters, double spread) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] centres = new float[clusters * dim];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) gaussian(random);
        }
        float[] data = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            int c = random.nextInt(clusters);
            for (int z = 0; z < dim; z++) {
                data[r * dim + z] = (float) (centres[c * dim + z] + spread * gaussian(random));
            }
        }
        return data;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian in Java 17
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Writes floats as raw little-endian float32 (what tools/annoy/annoy_driver.cc reads). */
    public static void writeF32(Path file, float[] data) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        AtomicFiles.write(file, out -> out.write(bytes.array()));
    }

    /** Row {@code i} of {@code data} as its own array. */
    public static float[][] rows(float[] data, int dim) {
        float[][] rows = new float[data.length / dim][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(data, i * dim, (i + 1) * dim);
        }
        return rows;
    }
}
