package io.mdfe.core.model.backbone;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import io.mdfe.core.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small CNN that trains from scratch on a CPU, for demos and end-to-end tests without
 * foundation-model weights: four stages of 3x3 conv + batch norm + ReLU + 2x2 max pool
 * (widths 32, 64, 128, outputDim), then global average pooling to {@code (B, outputDim)}.
 * Works for 32-128 px inputs (the fourth pool leaves a 2x2 map at 32 px).
 *
 * <p>Its info: image size from the spec or {@value #DEFAULT_IMAGE_SIZE}, mean and std 0.5.
 * Parameters are Xavier-initialised on creation; {@code trainable=false} freezes them.
 */
public final class DemoCnnBackbone implements Backbone {

    /** The factory of {@code demo-cnn}: build from a spec, or load a saved copy. */
    public static final BackboneFactory FACTORY = BackboneFactory.of(DemoCnnBackbone::create, DemoCnnBackbone::load);

    /** The parameters file inside a saved backbone folder. */
    public static final String PARAMS_FILE = "backbone.params";

    /** Image side used when the spec leaves it at 0. */
    public static final int DEFAULT_IMAGE_SIZE = 64;
    /** Smallest input side: four 2x2 pools need at least 16 px; 32 keeps a 2x2 final map. */
    public static final int MIN_IMAGE_SIZE = 32;

    private static final int[] STAGE_WIDTHS = {32, 64, 128};
    private static final float[] HALF = {0.5f, 0.5f, 0.5f};

    private final NDManager manager;
    private final Block block;
    private final BackboneInfo info;

    private DemoCnnBackbone(NDManager manager, Block block, BackboneInfo info) {
        this.manager = manager;
        this.block = block;
        this.info = info;
    }

    /**
     * The {@link BackboneFactory} of {@code demo-cnn}.
     *
     * @param spec outputDim = channels of the last stage; imageSize 0 = {@value #DEFAULT_IMAGE_SIZE}
     * @param manager parent manager; the parameters live in a sub-manager closed by {@link #close}
     * @return the initialised backbone
     */
    public static DemoCnnBackbone create(BackboneSpec spec, NDManager manager) {
        int size = spec.imageSize() == 0 ? DEFAULT_IMAGE_SIZE : spec.imageSize();
        if (size < MIN_IMAGE_SIZE) {
            throw new BackboneException("demo-cnn needs images of at least " + MIN_IMAGE_SIZE
                    + " px, got image size " + size);
        }
        BackboneInfo info = new BackboneInfo(BackboneInfo.FORMAT_VERSION, spec.type(),
                spec.modelName().isEmpty() ? "demo-cnn" : spec.modelName(), "", size, HALF, HALF,
                spec.outputDim(), false, "");
        SequentialBlock block = new SequentialBlock();
        for (int width : STAGE_WIDTHS) {
            block.add(stage(width));
        }
        block.add(stage(spec.outputDim())).add(Pool.globalAvgPool2dBlock());
        NDManager owned = manager.newSubManager();
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        block.initialize(owned, DataType.FLOAT32, new Shape(1, 3, size, size));
        if (!spec.trainable()) {
            // Only ever freeze: freezeParameters(false) would also attach gradients to batch-norm
            // running statistics, which PyTorch rejects.
            block.freezeParameters(true);
        }
        return new DemoCnnBackbone(owned, block, info);
    }

    private static Block stage(int width) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(width).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }

    @Override
    public BackboneInfo info() {
        return info;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public void saveTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(PARAMS_FILE), out -> {
            DataOutputStream data = new DataOutputStream(out);
            block.saveParameters(data);
            data.flush();
        });
        info.write(dir.resolve(BackboneFactory.SIDECAR));
    }

    /** Rebuilds the network described by a saved sidecar and loads its saved parameters. */
    private static DemoCnnBackbone load(Path dir, BackboneInfo info, boolean trainable, NDManager manager) {
        DemoCnnBackbone backbone = create(new BackboneSpec(info.type(), info.modelName(), "", false,
                info.outputDim(), trainable, null, info.imageSize()), manager);
        Path params = dir.resolve(PARAMS_FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
            backbone.block.loadParameters(backbone.manager, in);
            return backbone;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            backbone.close();
            throw new BackboneException("Cannot load demo-cnn parameters " + params + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
