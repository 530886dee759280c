package io.mdfe.core.data.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mdfe.core.data.image.RgbImage;
import io.mdfe.core.data.transform.ImageTransform;
import io.mdfe.core.data.transform.Normalization;
import io.mdfe.core.data.transform.TransformRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Order, reproducibility, shuffling, skips, strict mode, back-pressure and shutdown of the pipeline. */
class ImagePipelineTest {

    private static final int SIZE = 24;
    private static final Normalization NORM =
            new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});

    @TempDir
    static Path dir;
    static List<Path> images;

    @BeforeAll
    static void writeImages() throws Exception {
        images = new ArrayList<>();
        Random rng = new Random(1);
        for (int i = 0; i < 23; i++) {
            BufferedImage img = new BufferedImage(30 + 3 * i, 28 + 2 * (i % 5), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    img.setRGB(x, y, rng.nextInt(1 << 24));
                }
            }
            String format = i % 2 == 0 ? "png" : "jpg";
            Path file = dir.resolve(String.format("img%02d.%s", i, format));
            assertTrue(ImageIO.write(img, format, file.toFile()), "writer for " + format);
            images.add(file);
        }
    }

    @Test
    void identicalBytesWithOneAndFourWorkers() {
        for (int epoch = 0; epoch < 2; epoch++) {
            List<Batch> one = run(pipeline(images, custom(), 1, 2, false), epoch);
            List<Batch> four = run(pipeline(images, custom(), 4, 3, false), epoch);
            assertEquals(5, one.size());
            assertEquals(one.size(), four.size());
            for (int b = 0; b < one.size(); b++) {
                assertEquals(b, one.get(b).number());
                assertArrayEquals(one.get(b).indices(), four.get(b).indices(), "batch " + b);
                assertArrayEquals(one.get(b).pixels(), four.get(b).pixels(), "batch " + b);
            }
        }
    }

    @Test
    void shuffleIsSeededAndDiffersPerEpoch() {
        int[] e0 = indices(run(pipeline(images, custom(), 2, 2, false), 0));
        int[] e0again = indices(run(pipeline(images, custom(), 2, 2, false), 0));
        int[] e1 = indices(run(pipeline(images, custom(), 2, 2, false), 1));
        assertArrayEquals(e0, e0again, "same seed, same epoch: same order");
        assertFalse(Arrays.equals(e0, e1), "epochs differ");
        assertArrayEquals(identity(23), sorted(e0), "every item once");
        assertArrayEquals(identity(23), sorted(e1), "every item once");
        try (ImagePipeline p = ImagePipeline.builder().setFiles(images).setTransform(custom()).setBatchSize(5)
                .optShuffle(false).build()) {
            assertArrayEquals(identity(23), indices(run(p, 3)), "unshuffled: file order");
        }
        try (ImagePipeline p = ImagePipeline.builder().setFiles(images).setTransform(custom()).setBatchSize(5)
                .optSeed(43).build()) {
            assertFalse(Arrays.equals(e0, indices(run(p, 0))), "another seed, another order");
        }
    }

    @Test
    void undecodableImagesAreSkippedCountedAndListed() throws Exception {
        Path missing = dir.resolve("missing.png");
        Path corrupt = Files.write(dir.resolve("corrupt.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        Path unsupported = Files.writeString(dir.resolve("vector.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        List<Path> files = new ArrayList<>(images.subList(0, 7));
        files.add(2, missing);
        files.add(5, corrupt);
        files.add(unsupported);
        try (ImagePipeline p = pipeline(files, custom(), 2, 2, false);
             EpochBatches epoch = p.epoch(0)) {
            List<Batch> batches = new ArrayList<>();
            epoch.forEachRemaining(batches::add);
            assertEquals(7, batches.stream().mapToInt(Batch::count).sum(), "the 7 good images");
            List<SkippedImage> skipped = epoch.skipped();
            assertEquals(3, skipped.size());
            SkippedImage m = find(skipped, 2);
            assertEquals(missing, m.path());
            assertEquals("file not found", m.reason());
            assertEquals(corrupt, find(skipped, 5).path());
            assertTrue(find(skipped, 5).reason().startsWith("corrupt or truncated JPEG"), find(skipped, 5).reason());
            assertEquals(unsupported, find(skipped, 9).path());
            assertTrue(find(skipped, 9).reason().startsWith("unsupported image format"), find(skipped, 9).reason());
            for (Batch b : batches) {
                assertEquals(b.count() * 3 * SIZE * SIZE, b.pixels().length);
                for (SkippedImage s : b.skipped()) {
                    assertFalse(Arrays.stream(b.indices()).anyMatch(i -> i == s.index()), "skipped item not in batch");
                }
            }
            assertEquals(3, batches.stream().mapToInt(b -> b.skipped().size()).sum(), "skips listed on their batches");
        }
    }

    @Test
    void strictModeFailsNamingTheFile() throws Exception {
        Path corrupt = Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        List<Path> files = new ArrayList<>(images.subList(0, 6));
        files.add(3, corrupt);
        try (ImagePipeline p = ImagePipeline.builder().setFiles(files).setTransform(custom()).setBatchSize(2)
                .optNumWorkers(2).optStrict(true).build();
             EpochBatches epoch = p.epoch(0)) {
            PipelineException e = assertThrows(PipelineException.class, () -> epoch.forEachRemaining(b -> { }));
            assertTrue(e.getMessage().contains(corrupt.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        }
    }

    @Test
    void neverDecodesMoreThanPrefetchBatchesAhead() throws Exception {
        AtomicInteger decoded = new AtomicInteger();
        ImageTransform counting = new Counting(custom(), decoded);
        int prefetch = 2;
        int batch = 3;
        try (ImagePipeline p = ImagePipeline.builder().setFiles(images).setTransform(counting).setBatchSize(batch)
                .optNumWorkers(4).optPrefetch(prefetch).build();
             EpochBatches epoch = p.epoch(0)) {
            int received = 0;
            while (epoch.hasNext()) {
                epoch.next();
                received++;
                int bound = Math.min(images.size(), (received + prefetch) * batch);
                // The window fills up (waited for, not timed: the workers may be slow on a loaded machine) ...
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (decoded.get() < bound && System.nanoTime() < deadline) {
                    assertTrue(decoded.get() <= bound, decoded.get() + " decoded after " + received + " batches");
                    Thread.sleep(2);
                }
                assertEquals(bound, decoded.get(), "the prefetch window is kept full");
                // ... and a slow consumer gives the workers every chance to run past it
                Thread.sleep(60);
                assertTrue(decoded.get() <= bound, decoded.get() + " decoded after " + received + " batches");
            }
            assertEquals(8, received);
        }
    }

    @Test
    void workerErrorSurfacesInTheConsumerAndCloseStopsWorkers() {
        ImageTransform failing = new ImageTransform() {
            @Override
            public float[] apply(RgbImage image, Random rng) {
                if (image.width() == 30 + 3 * 4) {
                    throw new IllegalStateException("boom");
                }
                return custom().apply(image, rng);
            }

            @Override
            public int size() {
                return SIZE;
            }
        };
        ImagePipeline p = pipeline(images, failing, 2, 2, false);
        try (EpochBatches epoch = p.epoch(0)) {
            PipelineException e = assertThrows(PipelineException.class, () -> epoch.forEachRemaining(b -> { }));
            assertTrue(e.getMessage().contains(images.get(4).toString()) && e.getMessage().contains("boom"), e.getMessage());
        }
        p.close();
        assertTrue(p.isTerminated(), "workers stopped");
        assertThrows(IllegalStateException.class, () -> p.epoch(1));
    }

    @Test
    void anOutOfMemoryErrorOrAnImageOverThePixelLimitSkipsThatImageOnly() throws Exception {
        ImageTransform hungry = new ImageTransform() {
            @Override
            public float[] apply(RgbImage image, Random rng) {
                if (image.width() == 30 + 3 * 4) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return custom().apply(image, rng);
            }

            @Override
            public int size() {
                return SIZE;
            }
        };
        Path bomb = Files.write(dir.resolve("bomb.png"), io.mdfe.core.data.image.HostileImages.pngDeclaring(20000, 20000));
        List<Path> files = new ArrayList<>(images.subList(0, 6));
        files.add(bomb);
        try (ImagePipeline p = ImagePipeline.builder().setFiles(files).setTransform(hungry).setBatchSize(5)
                .optNumWorkers(2).optShuffle(false).build();
             EpochBatches epoch = p.epoch(0)) {
            List<Batch> batches = new ArrayList<>();
            epoch.forEachRemaining(batches::add);
            assertEquals(5, batches.stream().mapToInt(Batch::count).sum(), "the other 5 images");
            assertTrue(find(epoch.skipped(), 4).reason().startsWith("out of memory"), find(epoch.skipped(), 4).reason());
            assertTrue(find(epoch.skipped(), 6).reason().contains("exceeds the limit of 64000000 pixels"),
                    find(epoch.skipped(), 6).reason());
        }
    }

    @Test
    void batchBecomesAnNdArrayOnTheGivenManager() {
        Batch batch = run(pipeline(images, custom(), 2, 2, false), 0).get(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = batch.toNDArray(manager);
            assertEquals(new Shape(5, 3, SIZE, SIZE), array.getShape());
            assertArrayEquals(batch.pixels(), array.toFloatArray());
        }
    }

    private static ImageTransform custom() {
        return TransformRegistry.create("custom", SIZE, NORM);
    }

    private static ImagePipeline pipeline(List<Path> files, ImageTransform t, int workers, int prefetch, boolean strict) {
        return ImagePipeline.builder().setFiles(files).setTransform(t).setBatchSize(5).optNumWorkers(workers)
                .optPrefetch(prefetch).optSeed(7).optStrict(strict).build();
    }

    /** All batches of {@code epoch}; closes the pipeline. */
    private static List<Batch> run(ImagePipeline p, int epoch) {
        try (p; EpochBatches batches = p.epoch(epoch)) {
            List<Batch> out = new ArrayList<>();
            batches.forEachRemaining(out::add);
            return out;
        }
    }

    private static int[] indices(List<Batch> batches) {
        return batches.stream().flatMapToInt(b -> Arrays.stream(b.indices())).toArray();
    }

    private static int[] identity(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static SkippedImage find(List<SkippedImage> skipped, int index) {
        return skipped.stream().filter(s -> s.index() == index).findFirst()
                .orElseThrow(() -> new AssertionError("item " + index + " not listed in " + skipped));
    }

    /** Counts the images transformed, i.e. decoded by the workers. */
    private record Counting(ImageTransform inner, AtomicInteger count) implements ImageTransform {
        @Override
        public float[] apply(RgbImage image, Random rng) {
            count.incrementAndGet();
            return inner.apply(image, rng);
        }

        @Override
        public int size() {
            return inner.size();
        }
    }
}
