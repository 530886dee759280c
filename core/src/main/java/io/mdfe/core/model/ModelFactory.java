package io.mdfe.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mdfe.core.config.BackboneConfig;
import io.mdfe.core.config.HeadConfig;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.model.backbone.Backbone;
import io.mdfe.core.model.backbone.BackboneRegistry;
import io.mdfe.core.model.backbone.BackboneSpec;
import io.mdfe.core.model.head.HeadRegistry;
import io.mdfe.core.model.head.HeadSpec;
import io.mdfe.core.model.head.MarginHead;
import io.mdfe.core.model.neck.NeckRegistry;
import io.mdfe.core.model.neck.NeckSpec;
import io.mdfe.core.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the MDFE2 networks from a config: the one place that maps {@code MODEL.*} keys to the
 * backbone, neck and head seams.
 */
public final class ModelFactory {

    /** Environment variable naming the exported-backbone directory when the config leaves it empty. */
    public static final String MODEL_DIR_ENV = "MDFE_MODEL_DIR";

    private ModelFactory() {
    }

    /**
     * The directory exported backbones are looked up in: {@code MODEL.BACKBONE.model_dir}, else the
     * environment variable {@value #MODEL_DIR_ENV}, else {@code ./models}.
     */
    public static Path modelDir(BackboneConfig backbone, Map<String, String> env) {
        if (!backbone.modelDir().isBlank()) {
            return Path.of(backbone.modelDir());
        }
        String fromEnv = env.get(MODEL_DIR_ENV);
        return Path.of(fromEnv == null || fromEnv.isBlank() ? "models" : fromEnv);
    }

    /**
     * The backbone spec of a config. {@code TRANSFORM.size} is the image size: built-in backbones
     * take it, exported ones must have been exported at it.
     */
    public static BackboneSpec backboneSpec(MdfeConfig config) {
        BackboneConfig b = config.model().backbone();
        return new BackboneSpec(b.type(), b.modelName(), b.weights(), b.projLayer(), b.outputDim(),
                !b.freezeBackbone(), modelDir(b, System.getenv()), config.transform().size());
    }

    /** The neck spec of a config. */
    public static NeckSpec neckSpec(MdfeConfig config) {
        return new NeckSpec(config.model().neck().neckType(), config.model().backbone().outputDim(),
                config.model().embeddingDim(), (float) config.model().neck().dropout());
    }

    /**
     * The head spec of a config for a dataset.
     *
     * @param numClasses classes of the training data
     * @param classCounts samples per class in label order, or null when there is no class distribution
     */
    public static HeadSpec headSpec(MdfeConfig config, int numClasses, long[] classCounts) {
        HeadConfig h = config.model().head();
        return new HeadSpec(h.name(), numClasses, config.model().embeddingDim(), h.k(), (float) h.s(), h.dynamicS(),
                (float) h.m(), (float) h.mMax(), (float) h.mMin(), (float) h.h(), (float) h.tAlpha(), classCounts);
    }

    /**
     * Builds and initialises the inference network (backbone + neck) of a config; trainable parts
     * start from DJL's default initialisation under the engine's current random seed. The backbone
     * is frozen when {@code MODEL.BACKBONE.freeze_backbone} says so (its factory decides how).
     */
    public static EmbeddingNetwork inference(MdfeConfig config, NDManager manager) {
        return inference(config, null, manager);
    }

    /**
     * Builds the inference network of a config with the weights of a checkpoint's bundle: the neck's
     * always, the backbone's when the bundle holds a copy (a referenced backbone is the config's own).
     *
     * @param resumeBundle the bundle to take weights from, or null for fresh weights
     */
    public static EmbeddingNetwork inference(MdfeConfig config, Path resumeBundle, NDManager manager) {
        BackboneSpec spec = backboneSpec(config);
        BackboneRegistry registry = BackboneRegistry.defaults();
        boolean copied = resumeBundle != null && Files.isDirectory(resumeBundle.resolve(ModelBundle.BACKBONE_DIR));
        Backbone backbone = copied
                ? registry.load(resumeBundle.resolve(ModelBundle.BACKBONE_DIR), spec.trainable(), manager)
                : registry.create(spec, manager);
        try {
            NeckSpec neckSpec = neckSpec(config);
            EmbeddingNetwork network = new EmbeddingNetwork(backbone, NeckRegistry.create(neckSpec),
                    neckSpec.neckType(), neckSpec.embeddingDim(), config.model().neck().normalize());
            int size = backbone.info().imageSize();
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
            if (resumeBundle != null) {
                ModelBundle.loadNeckParameters(resumeBundle, ModelBundle.readManifest(resumeBundle), network.neck(),
                        manager);
            }
            return network;
        } catch (RuntimeException e) {
            backbone.close();
            throw e;
        }
    }

    /** Builds and initialises the training network (backbone + neck + margin head) of a config. */
    public static TrainingNetwork training(MdfeConfig config, int numClasses, long[] classCounts,
                                           NDManager manager) {
        return training(config, numClasses, classCounts, null, manager);
    }

    /**
     * Builds the training network, with the neck and (copied) backbone weights of {@code resumeBundle}
     * when resuming; the head's weights and state are restored separately from the checkpoint.
     */
    public static TrainingNetwork training(MdfeConfig config, int numClasses, long[] classCounts, Path resumeBundle,
                                           NDManager manager) {
        MarginHead head = HeadRegistry.create(headSpec(config, numClasses, classCounts));
        EmbeddingNetwork embedding = inference(config, resumeBundle, manager);
        TrainingNetwork network = new TrainingNetwork(embedding, head);
        head.initialize(manager, DataType.FLOAT32, new Shape(1, config.model().embeddingDim()));
        return network;
    }
}
