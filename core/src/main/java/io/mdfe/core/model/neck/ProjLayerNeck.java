package io.mdfe.core.model.neck;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The {@code proj_layer} neck: dropout with probability p, then a linear layer with bias from the
 * backbone width to {@code embedding_dim}. Dropout is active in training forwards only.
 */
public final class ProjLayerNeck extends AbstractBlock {

    /** The upstream {@code MODEL.NECK.neck_type} name. */
    public static final String NAME = "proj_layer";

    private final Block dropout;
    private final Block linear;
    private final int embeddingDim;

    /** Creates the neck; parameters are initialised by {@link #initialize}. */
    public ProjLayerNeck(NeckSpec spec) {
        this.embeddingDim = spec.embeddingDim();
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(spec.dropout()).build());
        this.linear = addChildBlock("linear", Linear.builder().setUnits(spec.embeddingDim()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList dropped = dropout.forward(store, inputs, training, params);
        return linear.forward(store, dropped, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), embeddingDim)};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType,
                                         Shape... inputShapes) {
        dropout.initialize(manager, dataType, inputShapes);
        linear.initialize(manager, dataType, inputShapes);
    }
}
