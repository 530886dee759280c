package io.mdfe.core.model.backbone;

import java.util.List;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * {@code small-resnet}: a ResNet-10-like {@link ScratchBackbone} for training from scratch on a CPU
 * at about demo-cnn's cost. A stride-2 3x3 stem (32 channels), then three basic residual blocks
 * (widths 64, 128, outputDim), each halving the map, then global average pooling to
 * {@code (B, outputDim)}. Nothing runs at full resolution but the stem: on a CPU the high-resolution
 * layers dominate the time. The skip connections keep the gradient flowing through every block, the
 * usual reason residual networks train well from scratch; bench/recipes/results.md has its figures.
 */
public final class SmallResNetBackbone {

    /** Smallest input side: four stride-2 steps leave a 2x2 map at 32 px. */
    public static final int MIN_IMAGE_SIZE = 32;

    private static final int STEM_WIDTH = 32;
    private static final int[] STAGE_WIDTHS = {64, 128};

    /** The factory of {@code small-resnet}: build from a spec, or load a saved copy. */
    public static final BackboneFactory FACTORY =
            ScratchBackbone.factory("small-resnet", MIN_IMAGE_SIZE, SmallResNetBackbone::network);

    private SmallResNetBackbone() {
    }

    /** Builds a fresh {@code small-resnet}; see {@link BackboneFactory#create}. */
    public static Backbone create(BackboneSpec spec, NDManager manager) {
        return FACTORY.create(spec, manager);
    }

    private static Block network(int outputDim) {
        SequentialBlock block = new SequentialBlock()
                .add(conv(STEM_WIDTH, 3, 2)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        for (int width : STAGE_WIDTHS) {
            block.add(residual(width));
        }
        return block.add(residual(outputDim)).add(Pool.globalAvgPool2dBlock());
    }

    /** A down-sampling basic block: two 3x3 convs (the first stride 2) beside a 1x1 stride-2 projection. */
    private static Block residual(int width) {
        Block main = new SequentialBlock()
                .add(conv(width, 3, 2)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(width, 3, 1)).add(BatchNorm.builder().build());
        Block shortcut = new SequentialBlock().add(conv(width, 1, 2)).add(BatchNorm.builder().build());
        return new SequentialBlock()
                .add(new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow()
                        .add(list.get(1).singletonOrThrow())), List.of(main, shortcut)))
                .add(Activation.reluBlock());
    }

    private static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optPadding(new Shape(kernel / 2, kernel / 2))
                .optStride(new Shape(stride, stride)).setFilters(filters).optBias(false).build();
    }
}
