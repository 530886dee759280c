package io.mdfe.core.model;

import ai.djl.ndarray.NDArray;
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
 * The inference model: embedding = neck(backbone(images)), L2-normalised at inference when
 * {@code MODEL.NECK.normalize} asks for it. Input: normalised float32 images (B, 3, S, S); output:
 * (B, embeddingDim) embeddings. Training forwards never normalise: the margin heads normalise on
 * their own and AdaFace reads the raw norm as its image-quality signal, so the flag changes what is
 * served, not what is learnt.
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
    private final boolean normalize;

    /**
     * @param backbone the feature extractor (owned by the caller)
     * @param neck the projection block created by {@link io.mdfe.core.model.neck.NeckRegistry}
     * @param neckType its {@code MODEL.NECK.neck_type} name, recorded in bundles
     * @param embeddingDim the neck's output width
     * @param normalize L2-normalise the embedding at inference ({@code MODEL.NECK.normalize}), recorded in bundles
     */
    public EmbeddingNetwork(Backbone backbone, Block neck, String neckType, int embeddingDim, boolean normalize) {
        this.backbone = backbone;
        this.backboneBlock = addChildBlock("backbone", backbone.block());
        this.neck = addChildBlock("neck", neck);
        this.neckType = neckType;
        this.embeddingDim = embeddingDim;
        this.normalize = normalize;
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

    /** True when inference forwards return unit-length embeddings ({@code MODEL.NECK.normalize}). */
    public boolean normalize() {
        return normalize;
    }

    /** Width of the embeddings. */
    public int embeddingDim() {
        return embeddingDim;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList features = backboneBlock.forward(store, inputs, training && !frozenBackbone, params);
        NDList embedding = neck.forward(store, features, training, params);
        if (training || !normalize) {
            return embedding;
        }
        NDArray e = embedding.singletonOrThrow();
        // the floor keeps an all-zero embedding zero instead of NaN
        return new NDList(e.div(e.norm(new int[] {1}, true).maximum(1e-12f)));
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
