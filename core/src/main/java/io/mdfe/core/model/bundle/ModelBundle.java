package io.mdfe.core.model.bundle;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.core.data.transform.InferenceTransform;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.model.EmbeddingNetwork;
import io.mdfe.core.model.backbone.Backbone;
import io.mdfe.core.model.backbone.BackboneInfo;
import io.mdfe.core.model.backbone.BackboneRegistry;
import io.mdfe.core.model.backbone.BackboneSpec;
import io.mdfe.core.model.neck.NeckRegistry;
import io.mdfe.core.model.neck.NeckSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded inference model bundle: the embedding network plus the preprocessing that feeds it.
 *
 * <p>Layout of a bundle directory (format version {@value BundleManifest#FORMAT_VERSION}):
 * <pre>
 * bundle.json        {@link BundleManifest}: ids, embedding_dim, image size, mean/std, backbone, neck, provenance
 * config.yaml        the resolved MDFE2 config the model was built from
 * neck.params        the neck's DJL parameters
 * backbone/          only with backbone_storage COPY: the backbone's own files (backbone.json + weights)
 * </pre>
 * Bundles are written to a temporary sibling directory and renamed into place, so a reader never
 * sees a half-written bundle and a crash never corrupts the previous one.
 */
public final class ModelBundle implements AutoCloseable {

    /** The manifest file name. */
    public static final String MANIFEST = "bundle.json";
    /** The resolved config file name. */
    public static final String CONFIG = "config.yaml";
    /** The neck parameters file name. */
    public static final String NECK_PARAMS = "neck.params";
    /** The backbone folder of COPY bundles. */
    public static final String BACKBONE_DIR = "backbone";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private final BundleManifest manifest;
    private final EmbeddingNetwork network;
    private final InferenceTransform transform;
    private final NDManager manager;

    private ModelBundle(Path dir, BundleManifest manifest, EmbeddingNetwork network, NDManager manager) {
        this.dir = dir;
        this.manifest = manifest;
        this.network = network;
        this.manager = manager;
        this.transform = new InferenceTransform(manifest.imageSize(), manifest.mean(), manifest.std());
    }

    /**
     * Writes {@code network} as a bundle at {@code dir}, replacing an existing bundle only once the
     * new one is complete.
     *
     * @param dir target directory
     * @param network the inference model
     * @param ids model id and version to record
     * @param configYaml the resolved config, stored verbatim
     * @param storage whether to copy the backbone in or to reference the exported file
     * @param provenance build and run facts to record
     * @return the manifest written
     */
    public static BundleManifest write(Path dir, EmbeddingNetwork network, ModelIds ids, String configYaml,
                                       BackboneStorage storage, java.util.Map<String, String> provenance)
            throws IOException {
        Backbone backbone = network.backbone();
        BackboneInfo info = backbone.info();
        if (storage == BackboneStorage.REFERENCE && !backbone.referenceable()) {
            throw new BundleException("backbone " + info.type() + "/" + info.modelName()
                    + " cannot be referenced (it is not an unchanged exported file); use backbone storage COPY");
        }
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, BundleManifest.FORMAT_VERSION,
                ids.modelId(), ids.modelVersion(), network.embeddingDim(), info.imageSize(), info.mean(),
                info.std(), storage, info, network.neckType(), info.outputDim(), network.normalize(), provenance);
        AtomicFiles.writePath(dir, tmp -> {
            Files.createDirectories(tmp);
            if (storage == BackboneStorage.COPY) {
                backbone.saveTo(tmp.resolve(BACKBONE_DIR));
            }
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(tmp.resolve(NECK_PARAMS))))) {
                network.neck().saveParameters(out);
            }
            Files.writeString(tmp.resolve(CONFIG), configYaml);
            JSON.writeValue(tmp.resolve(MANIFEST).toFile(), manifest);
        });
        return manifest;
    }

    /**
     * Loads the bundle at {@code dir}.
     *
     * @param dir the bundle directory
     * @param modelDir where exported backbones live, for REFERENCE bundles (ignored for COPY)
     * @param manager parent manager; decides the device
     * @throws BundleException naming the file or field that is missing or wrong
     */
    public static ModelBundle load(Path dir, Path modelDir, NDManager manager) {
        BundleManifest manifest = readManifest(dir);
        NDManager bundleManager = manager.newSubManager();
        Backbone backbone = null;
        try {
            backbone = loadBackbone(dir, manifest, modelDir, bundleManager);
            Block neck = NeckRegistry.create(new NeckSpec(manifest.neckType(), manifest.neckInputDim(),
                    manifest.embeddingDim(), 0f));
            EmbeddingNetwork network = new EmbeddingNetwork(backbone, neck, manifest.neckType(),
                    manifest.embeddingDim(), manifest.normalize());
            network.initialize(bundleManager, DataType.FLOAT32,
                    new Shape(1, 3, manifest.imageSize(), manifest.imageSize()));
            loadNeckParameters(dir, manifest, neck, bundleManager);
            return new ModelBundle(dir, manifest, network, bundleManager);
        } catch (RuntimeException e) {
            if (backbone != null) {
                backbone.close();
            }
            bundleManager.close();
            throw e;
        }
    }

    /**
     * Loads the neck parameters of the bundle at {@code dir} into {@code neck} (initialised for
     * {@code manifest.neckInputDim()} inputs).
     *
     * @throws BundleException naming the file when it is missing or does not fit the neck
     */
    public static void loadNeckParameters(Path dir, BundleManifest manifest, Block neck, NDManager manager) {
        Path neckFile = dir.resolve(NECK_PARAMS);
        try (InputStream raw = Files.newInputStream(neckFile);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            neck.loadParameters(manager, in);
        } catch (NoSuchFileException e) {
            throw new BundleException(neckFile + ": missing (a bundle needs its neck parameters)", e);
        } catch (IOException | MalformedModelException e) {
            throw new BundleException(neckFile + ": unreadable neck parameters for neck_type "
                    + manifest.neckType() + " " + manifest.neckInputDim() + "->" + manifest.embeddingDim()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The image pixel limit the bundle's model was built with: {@code DATASET.max_image_pixels} of its
     * {@value #CONFIG}, or {@link ImageDecoder#DEFAULT_MAX_PIXELS} for a bundle without one. Whoever embeds
     * images with the bundle and has no config of its own uses it, so a limit raised for training also holds
     * for evaluation and extraction.
     *
     * @param dir the bundle directory
     * @return the limit in pixels
     * @throws BundleException naming {@value #CONFIG} when it is there but not a valid config
     */
    public static long maxImagePixels(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            return ImageDecoder.DEFAULT_MAX_PIXELS;
        }
        try {
            return ConfigLoader.load(file, List.of()).dataset().maxImagePixels();
        } catch (ConfigException e) {
            throw new BundleException("model bundle " + dir + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Reads and validates {@code bundle.json} only. */
    public static BundleManifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new BundleException(dir + " is not a model bundle: " + MANIFEST + " is missing");
        }
        try {
            return JSON.readValue(file.toFile(), BundleManifest.class);
        } catch (IOException e) {
            throw new BundleException(file + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static Backbone loadBackbone(Path dir, BundleManifest manifest, Path modelDir, NDManager manager) {
        BackboneInfo expected = manifest.backbone();
        if (manifest.backboneStorage() == BackboneStorage.COPY) {
            return BackboneRegistry.defaults().load(dir.resolve(BACKBONE_DIR), false, manager);
        }
        Backbone backbone = BackboneRegistry.defaults().create(new BackboneSpec(expected.type(), expected.modelName(),
                expected.weights(), expected.projLayer(), expected.outputDim(), false, modelDir), manager);
        String found = backbone.info().sha256();
        if (!expected.sha256().isEmpty() && !expected.sha256().equals(found)) {
            backbone.close();
            throw new BundleException(dir.resolve(MANIFEST) + ": backbone " + expected.type() + "/"
                    + expected.modelName() + " under " + modelDir + " has sha256 " + found
                    + " but the bundle was made with " + expected.sha256());
        }
        return backbone;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Where the bundle was loaded from. */
    public Path dir() {
        return dir;
    }

    /** The bundle's manifest. */
    public BundleManifest manifest() {
        return manifest;
    }

    /** The inference network. */
    public EmbeddingNetwork network() {
        return network;
    }

    /** The preprocessing that turns decoded images into the network's input. */
    public InferenceTransform transform() {
        return transform;
    }

    /** The manager owning the bundle's parameters; create per-batch sub-managers from it. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Checks that these embeddings are as wide as a config expects.
     *
     * @param expected {@code MODEL.embedding_dim} of the config
     * @param source the config file, named in the error
     */
    public void requireEmbeddingDim(int expected, String source) {
        if (manifest.embeddingDim() != expected) {
            throw new BundleException("MODEL.embedding_dim is " + expected + " in " + source + " but bundle "
                    + dir + " produces " + manifest.embeddingDim() + "-d embeddings");
        }
    }

    /**
     * Embeds a batch of transformed images (B, 3, S, S) without gradients. The result lives on the
     * input's manager.
     */
    public NDArray embed(NDArray images) {
        return network.forward(new ParameterStore(images.getManager(), false), new NDList(images), false)
                .singletonOrThrow();
    }

    @Override
    public void close() {
        network.backbone().close();
        manager.close();
    }
}
