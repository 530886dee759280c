package io.mdfe.core.model.backbone;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.mdfe.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A foundation model exported as TorchScript by {@code tools/export_backbone.py}: a
 * {@code model.pt} plus its {@code backbone.json} ({@link BackboneInfo}), found under the model
 * dir by {@link TorchScriptLocation} (layout documented there), e.g.
 * {@code models/siglip/vit_so400m_patch14_siglip_384/default/noproj/model.pt}.
 *
 * <p>Loading checks the file's sha256 against the sidecar (when recorded), the spec against the
 * sidecar (type, model name, proj_layer, output_dim) and the module's real output width against
 * the sidecar. A trainable backbone is loaded with DJL's {@code trainParam=true}; it fine-tunes
 * only if it was traced in train mode, which the export script does. {@link #save} writes the
 * (possibly fine-tuned) module back as a TorchScript file that {@link #load} reads again.
 */
public final class TorchScriptBackbone implements Backbone {

    /** The TorchScript file name inside a saved backbone folder. */
    public static final String MODEL_FILE = "model.pt";

    /** The factory of every exported type: {@link #create} from a spec, or load a saved copy. */
    public static final BackboneFactory FACTORY = BackboneFactory.of(TorchScriptBackbone::create,
            (dir, info, trainable, manager) -> load(dir.resolve(MODEL_FILE), dir.resolve(BackboneFactory.SIDECAR),
                    info, trainable, manager));

    private static final String ENGINE = "PyTorch";

    private final Model model;
    private final PtSymbolBlock block;
    private final BackboneInfo info;
    private boolean referenceable;

    private TorchScriptBackbone(Model model, BackboneInfo info) {
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
        this.info = info;
    }

    /**
     * The {@link BackboneFactory} of the exported types: finds the files for the spec and loads.
     *
     * @param spec type, model name, weights, proj_layer, expected output_dim, trainable, model dir
     * @param manager parent manager; the module is loaded on its device
     * @return the loaded backbone
     * @throws BackboneException listing the paths tried, or naming the mismatching value and file
     */
    public static TorchScriptBackbone create(BackboneSpec spec, NDManager manager) {
        TorchScriptLocation location = TorchScriptLocation.find(spec);
        BackboneInfo info = BackboneInfo.read(location.sidecar());
        checkSpec(spec, info, location.sidecar());
        TorchScriptBackbone backbone = load(location.modelFile(), location.sidecar(), info, spec.trainable(), manager);
        // a frozen export stays byte-identical to the file its sha256 names
        backbone.referenceable = !spec.trainable() && !info.sha256().isEmpty();
        return backbone;
    }

    /**
     * Loads a model file and its sidecar directly, e.g. the copy inside a model bundle.
     *
     * @param modelFile the TorchScript file
     * @param sidecar its {@code backbone.json}
     * @param trainable true to load the parameters with gradients (fine-tuning)
     * @param manager parent manager; the module is loaded on its device
     * @return the loaded backbone
     * @throws BackboneException naming the file when it is missing, corrupt or inconsistent
     */
    public static TorchScriptBackbone load(Path modelFile, Path sidecar, boolean trainable,
            NDManager manager) {
        return load(modelFile, sidecar, BackboneInfo.read(sidecar), trainable, manager);
    }

    private static TorchScriptBackbone load(Path modelFile, Path sidecar, BackboneInfo info,
            boolean trainable, NDManager manager) {
        verifySha256(modelFile, sidecar, info);
        Model model = Model.newInstance(info.modelName(), manager.getDevice(), ENGINE);
        try {
            model.load(modelFile, null, trainable
                    ? Map.of("trainParam", "true", "mapLocation", "true")
                    : Map.of("mapLocation", "true"));
            TorchScriptBackbone backbone = new TorchScriptBackbone(model, info);
            backbone.checkOutputDim(modelFile, sidecar);
            return backbone;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof BackboneException backboneError) {
                throw backboneError;
            }
            throw new BackboneException("Cannot load TorchScript backbone " + modelFile + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public BackboneInfo info() {
        return info;
    }

    @Override
    public PtSymbolBlock block() {
        return block;
    }

    /**
     * Writes the module with its current (e.g. fine-tuned) parameters as TorchScript, and a
     * sidecar with the new file's sha256; both atomically. {@link #load} reads them back.
     *
     * @param modelFile target {@code model.pt}
     * @param sidecar target {@code backbone.json}
     * @throws IOException when a file cannot be written
     */
    public void save(Path modelFile, Path sidecar) throws IOException {
        AtomicFiles.write(modelFile, out -> JniUtils.writeModule(block, out, false));
        info.withSha256(FileDigest.sha256(modelFile)).write(sidecar);
    }

    @Override
    public void saveTo(Path dir) throws IOException {
        save(dir.resolve(MODEL_FILE), dir.resolve(BackboneFactory.SIDECAR));
    }

    @Override
    public boolean referenceable() {
        return referenceable;
    }

    @Override
    public void close() {
        model.close();
    }

    private static void checkSpec(BackboneSpec spec, BackboneInfo info, Path sidecar) {
        mustMatch("type", spec.type(), info.type(), sidecar);
        mustMatch("model_name", spec.modelName(), info.modelName(), sidecar);
        mustMatch("proj_layer", spec.projLayer(), info.projLayer(), sidecar);
        mustMatch("output_dim", spec.outputDim(), info.outputDim(), sidecar);
        if (spec.imageSize() != 0) {
            mustMatch("image_size", spec.imageSize(), info.imageSize(), sidecar);
        }
    }

    private static void mustMatch(String key, Object expected, Object actual, Path sidecar) {
        if (!expected.equals(actual)) {
            throw new BackboneException("MODEL.BACKBONE." + key + " is " + expected + " but "
                    + sidecar + " has " + key + " " + actual);
        }
    }

    private static void verifySha256(Path modelFile, Path sidecar, BackboneInfo info) {
        if (info.sha256().isEmpty()) {
            return;
        }
        String actual;
        try {
            actual = FileDigest.sha256(modelFile);
        } catch (IOException e) {
            throw new BackboneException("Cannot read backbone model " + modelFile + ": " + e, e);
        }
        if (!actual.equals(info.sha256())) {
            throw new BackboneException("sha256 of " + modelFile + " is " + actual + " but "
                    + sidecar + " expects " + info.sha256() + " (file corrupt or replaced)");
        }
    }

    /** One probe image through the module: the sidecar must describe what the file computes. */
    private void checkOutputDim(Path modelFile, Path sidecar) {
        try (NDManager probe = model.getNDManager().newSubManager()) {
            Shape input = new Shape(1, 3, info.imageSize(), info.imageSize());
            NDList out = block.forward(new ParameterStore(probe, false),
                    new NDList(probe.zeros(input)), false);
            Shape shape = out.singletonOrThrow().getShape();
            if (shape.dimension() != 2 || shape.get(1) != info.outputDim()) {
                throw new BackboneException(modelFile + " outputs shape " + shape + " for input "
                        + input + " but " + sidecar + " has output_dim " + info.outputDim());
            }
        }
    }
}
