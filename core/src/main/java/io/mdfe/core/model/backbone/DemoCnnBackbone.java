package io.mdfe.core.model.backbone;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * {@code demo-cnn}: a small plain CNN for demos and end-to-end tests without foundation-model
 * weights, a {@link ScratchBackbone}: four stages of 3x3 conv + batch norm + ReLU + 2x2 max pool
 * (widths 32, 64, 128, outputDim), then global average pooling to {@code (B, outputDim)}.
 * Works for 32-128 px inputs (the fourth pool leaves a 2x2 map at 32 px).
 */
public final class DemoCnnBackbone {

    /** Image side used when the spec leaves it at 0. */
    public static final int DEFAULT_IMAGE_SIZE = ScratchBackbone.DEFAULT_IMAGE_SIZE;
    /** Smallest input side: four 2x2 pools need at least 16 px; 32 keeps a 2x2 final map. */
    public static final int MIN_IMAGE_SIZE = 32;

    private static final int[] STAGE_WIDTHS = {32, 64, 128};

    /** The factory of {@code demo-cnn}: build from a spec, or load a saved copy. */
    public static final BackboneFactory FACTORY =
            ScratchBackbone.factory("demo-cnn", MIN_IMAGE_SIZE, DemoCnnBackbone::network);

    private DemoCnnBackbone() {
    }

    /** Builds a fresh {@code demo-cnn}; see {@link BackboneFactory#create}. */
    public static Backbone create(BackboneSpec spec, NDManager manager) {
        return FACTORY.create(spec, manager);
    }

    private static Block network(int outputDim) {
        SequentialBlock block = new SequentialBlock();
        for (int width : STAGE_WIDTHS) {
            block.add(stage(width));
        }
        return block.add(stage(outputDim)).add(Pool.globalAvgPool2dBlock());
    }

    private static Block stage(int width) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(width).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
}
