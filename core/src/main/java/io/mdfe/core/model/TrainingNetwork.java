package io.mdfe.core.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.mdfe.core.model.head.MarginHead;

/**
 * The training model: logits = head(neck(backbone(images)), labels). Trained with a plain softmax
 * cross-entropy; the head's margin needs the labels, so DJL's labels-aware forward
 * ({@code trainer.forward(data, labels)}) is the training entry point. The label-less forward
 * returns the head's margin-free scaled cosines, handy for classification accuracy.
 */
public final class TrainingNetwork extends AbstractBlock {

    private final EmbeddingNetwork embedding;
    private final MarginHead head;
    private boolean featureInput;

    /** Joins the inference model and a margin head. */
    public TrainingNetwork(EmbeddingNetwork embedding, MarginHead head) {
        this.embedding = addChildBlock("embedding", embedding);
        this.head = addChildBlock("head", head);
    }

    /** The inference part (backbone + neck). */
    public EmbeddingNetwork embedding() {
        return embedding;
    }

    /**
     * Switches the input between images (the default) and precomputed backbone features, (B, outputDim)
     * rows of a feature cache; only valid for a frozen backbone.
     */
    public void useFeatureInput(boolean features) {
        if (features && !embedding.frozenBackbone()) {
            throw new IllegalStateException("cached backbone features need a frozen backbone (MODEL.BACKBONE.freeze_backbone)");
        }
        this.featureInput = features;
    }

    /** {@return whether the input is cached backbone features rather than images} */
    public boolean featureInput() {
        return featureInput;
    }

    private NDList embed(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return featureInput ? embedding.forwardFeatures(store, inputs, training, params)
                : embedding.forward(store, inputs, training, params);
    }

    /** The margin head. */
    public MarginHead head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList data, NDList labels,
                                     PairList<String, Object> params) {
        return head.forward(store, embed(store, data, true, params), labels, params);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return head.forward(store, embed(store, inputs, training, params), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(embedding.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, embedding.getOutputShapes(inputShapes));
    }
}
