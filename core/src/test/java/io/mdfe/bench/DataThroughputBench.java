package io.mdfe.bench;

import io.mdfe.core.data.image.ImageFiles;
import io.mdfe.core.data.pipeline.Batch;
import io.mdfe.core.data.pipeline.EpochBatches;
import io.mdfe.core.data.pipeline.ImagePipeline;
import io.mdfe.core.data.transform.ImageTransform;
import io.mdfe.core.data.transform.Normalization;
import io.mdfe.core.data.transform.TransformRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * Decoded + transformed images/s of the image pipeline, for {@code bench/data_throughput}.
 *
 * <p>Usage: {@code DataThroughputBench <image dir> <TRANSFORM.name> <size> <workers> <batch>}. Runs one
 * warm-up epoch (JIT), then times one epoch. Prints {@code images=<n> seconds=<s> img_per_s=<v>}.
 */
public final class DataThroughputBench {

    private static final Normalization CLIP = new Normalization(
            new float[] {0.48145466f, 0.4578275f, 0.40821073f}, new float[] {0.26862954f, 0.26130258f, 0.27577711f});

    private DataThroughputBench() {}

    /**
     * @param args image folder, transform name, size, workers, batch size
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: DataThroughputBench <image dir> <transform> <size> <workers> <batch>");
            System.exit(2);
        }
        List<Path> files = ImageFiles.list(Path.of(args[0]));
        ImageTransform transform = TransformRegistry.create(args[1], Integer.parseInt(args[2]), CLIP);
        int workers = Integer.parseInt(args[3]);
        try (ImagePipeline pipeline = ImagePipeline.builder().setFiles(files).setTransform(transform)
                .setBatchSize(Integer.parseInt(args[4])).optNumWorkers(workers).optPrefetch(2 * workers).build()) {
            epoch(pipeline, 0);
            long start = System.nanoTime();
            int images = epoch(pipeline, 1);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("images=%d seconds=%.3f img_per_s=%.2f%n", images, seconds, images / seconds);
        }
    }

    private static int epoch(ImagePipeline pipeline, int epoch) {
        int images = 0;
        try (EpochBatches batches = pipeline.epoch(epoch)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                images += batch.count();
            }
            if (!batches.skipped().isEmpty()) {
                throw new IllegalStateException("skipped: " + batches.skipped());
            }
        }
        return images;
    }
}
