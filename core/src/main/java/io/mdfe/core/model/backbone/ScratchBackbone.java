package io.mdfe.core.model.backbone;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import io.mdfe.core.io.AtomicFiles;

/**
 * A backbone that trains from scratch on a CPU, needing no exported foundation model: a DJL block
 * built by its family's {@link Topology}, Xavier-initialised on creation and saved as one parameters
 * file beside the sidecar. Its info: image size from the spec or {@value #DEFAULT_IMAGE_SIZE}, mean
 * and std 0.5. {@code trainable=false} freezes the parameters.
 */
public final class ScratchBackbone implements Backbone {

    /** The parameters file inside a saved backbone folder. */
    public static final String PARAMS_FILE = "backbone.params";

    /** Image side used when the spec leaves it at 0. */
    public static final int DEFAULT_IMAGE_SIZE = 64;

    private static final float[] HALF = {0.5f, 0.5f, 0.5f};

    /** The network of one from-scratch family: maps images to {@code (B, outputDim)} features. */
    @FunctionalInterface
    public interface Topology {
        /** {@return the uninitialised block ending in {@code outputDim} channels, globally pooled} */
        Block build(int outputDim);
    }

    private final NDManager manager;
    private final Block block;
    private final BackboneInfo info;

    private ScratchBackbone(NDManager manager, Block block, BackboneInfo info) {
        this.manager = manager;
        this.block = block;
        this.info = info;
    }

    /**
     * The factory of one from-scratch family.
     *
     * @param family the family's name (its {@code MODEL.BACKBONE.type}), used in errors and as default model name
     * @param minImageSize the smallest input side the topology's down-sampling allows
     * @param topology builds the network
     */
    public static BackboneFactory factory(String family, int minImageSize, Topology topology) {
        return BackboneFactory.of((spec, manager) -> create(spec, manager, family, minImageSize, topology),
                (dir, info, trainable, manager) -> load(dir, info, trainable, manager, family, minImageSize,
                        topology));
    }

    private static ScratchBackbone create(BackboneSpec spec, NDManager manager, String family, int minImageSize,
                                          Topology topology) {
        int size = spec.imageSize() == 0 ? DEFAULT_IMAGE_SIZE : spec.imageSize();
        if (size < minImageSize) {
            throw new BackboneException(family + " needs images of at least " + minImageSize
                    + " px, got image size " + size);
        }
        BackboneInfo info = new BackboneInfo(BackboneInfo.FORMAT_VERSION, spec.type(),
                spec.modelName().isEmpty() ? family : spec.modelName(), "", size, HALF, HALF,
                spec.outputDim(), false, "");
        Block block = topology.build(spec.outputDim());
        NDManager owned = manager.newSubManager();
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        block.initialize(owned, DataType.FLOAT32, new Shape(1, 3, size, size));
        if (!spec.trainable()) {
            // Only ever freeze: freezeParameters(false) would also attach gradients to batch-norm
            // running statistics, which PyTorch rejects.
            block.freezeParameters(true);
        }
        return new ScratchBackbone(owned, block, info);
    }

    /** Rebuilds the network described by a saved sidecar and loads its saved parameters. */
    private static ScratchBackbone load(Path dir, BackboneInfo info, boolean trainable, NDManager manager,
                                        String family, int minImageSize, Topology topology) {
        ScratchBackbone backbone = create(new BackboneSpec(info.type(), info.modelName(), "", false,
                info.outputDim(), trainable, null, info.imageSize()), manager, family, minImageSize, topology);
        Path params = dir.resolve(PARAMS_FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
            backbone.block.loadParameters(backbone.manager, in);
            return backbone;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            backbone.close();
            throw new BackboneException("Cannot load " + family + " parameters " + params + ": " + e.getMessage(), e);
        }
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

    @Override
    public void close() {
        manager.close();
    }
}
