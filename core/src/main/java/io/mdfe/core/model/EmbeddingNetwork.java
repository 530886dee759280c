package io.mdfe.core.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.mdfe.core.model.backbone.Backbone;

/**
 * The inference model: embedding = neck(backbone(images)). Input: normalised float32 images
 * (B, 3, S, S); output: (B, embeddingDim) embeddings, not L2-normalised (the margin heads and the
 * retrieval metric decide about normalisation).
 *
 * <p>The backbone arrives ready to run; {@link #initialize} only initialises the neck. A frozen
 * backbone (no trainable parameter) always runs in inference mode, also while the neck trains: it is
 * a fixed feature extractor (linear probing), so batch-norm statistics and dropout stay as exported
 * and cached features equal the ones computed on the fly.
 */
public final class EmbeddingNetwork extends AbstractBlock {

    private final Backbone backbone;
    private final Block backboneBlock;
    private final Block neck;
    private final String neckType;
    private final int embeddingDim;
    private final boolean frozenBackbone;

    /**
     * @param backbone the feature extractor (owned by the caller)
     * @param neck the projection block created by {@link io.mdfe.core.model.neck.NeckRegistry}
     * @param neckType its {@code MODEL.NECK.neck_type} name, recorded in bundles
     * @param embeddingDim the neck's output width
     */
    public EmbeddingNetwork(Backbone backbone, Block neck, String neckType, int embeddingDim) {
        this.backbone = backbone;
        this.backboneBlock = addChildBlock("backbone", backbone.block());
        this.neck = addChildBlock("neck", neck);
        this.neckType = neckType;
        this.embeddingDim = embeddingDim;
        this.frozenBackbone = backboneBlock.getParameters().values().stream().noneMatch(Parameter::requiresGradient);
    }

    /** True when the backbone has no trainable parameter. */
    public boolean frozenBackbone() {
        return frozenBackbone;
    }

    /** The neck alone, on backbone features (B, outputDim): the cached-feature path of linear probing. */
    public NDList forwardFeatures(ParameterStore store, NDList features, boolean training,
                                  PairList<String, Object> params) {
        return neck.forward(store, features, training, params);
    }

    /** The backbone. */
    public Backbone backbone() {
        return backbone;
    }

    /** The neck block. */
    public Block neck() {
        return neck;
    }

    /** The neck's {@code MODEL.NECK.neck_type}. */
    public String neckType() {
        return neckType;
    }

    /** Width of the embeddings. */
    public int embeddingDim() {
        return embeddingDim;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList features = backboneBlock.forward(store, inputs, training && !frozenBackbone, params);
        return neck.forward(store, features, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), embeddingDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        neck.initialize(manager, dataType, new Shape(batch, backbone.info().outputDim()));
    }
}
