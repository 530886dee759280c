package io.mdfe.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mdfe.core.model.backbone.TorchScriptBackbone;
import java.nio.file.Path;

/**
 * Images/s of a TorchScript backbone's inference forward pass, for {@code bench/embed_throughput}.
 *
 * <p>Usage: {@code EmbedThroughputBench <model.pt> <backbone.json> <batch> <warmup> <iters>};
 * threads come from the system properties {@code ai.djl.pytorch.num_threads} and
 * {@code ai.djl.pytorch.num_interop_threads}. Prints {@code img_per_s=<value>}.
 */
public final class EmbedThroughputBench {

    private EmbedThroughputBench() {}

    /**
     * @param args model file, sidecar, batch size, warm-up iterations, timed iterations
     */
    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: EmbedThroughputBench <model.pt> <backbone.json> <batch>"
                    + " <warmup> <iters>");
            System.exit(2);
        }
        int batch = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int iters = Integer.parseInt(args[4]);
        try (NDManager manager = NDManager.newBaseManager();
                TorchScriptBackbone backbone = TorchScriptBackbone.load(Path.of(args[0]),
                        Path.of(args[1]), false, manager)) {
            int size = backbone.info().imageSize();
            NDArray images = manager.randomNormal(new Shape(batch, 3, size, size));
            for (int i = 0; i < warmup; i++) {
                forward(backbone, manager, images);
            }
            long start = System.nanoTime();
            for (int i = 0; i < iters; i++) {
                forward(backbone, manager, images);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("img_per_s=%.2f%n", batch * iters / seconds);
        }
    }

    private static void forward(TorchScriptBackbone backbone, NDManager manager, NDArray images) {
        // Outputs attach to the input's manager: lend the input to a per-batch scope so they
        // are freed each iteration (the input returns to its manager when the scope closes).
        try (NDManager scope = manager.newSubManager()) {
            images.tempAttach(scope);
            NDList out = backbone.block().forward(new ParameterStore(scope, false),
                    new NDList(images), false);
            out.singletonOrThrow().getShape();
        }
    }
}
