package io.mdfe.core.model.backbone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where an exported backbone lives under the model dir: a {@code model.pt} and its
 * {@code backbone.json}. Candidates, in order (parts sanitised by {@link #safePart}, weights
 * {@code ""} = {@code default}, variant = {@code proj} or {@code noproj} from
 * {@code proj_layer}):
 * <ol>
 *   <li>{@code <modelDir>/<type>/<model_name>/<weights>/<variant>/model.pt} + {@code backbone.json}
 *       (what {@code tools/export_backbone.py} writes)</li>
 *   <li>{@code <modelDir>/<type>/<model_name>/<weights>/model.pt} + {@code backbone.json}</li>
 *   <li>{@code <modelDir>/<model_name>.pt} + {@code <model_name>.json}</li>
 * </ol>
 *
 * @param modelFile the TorchScript file
 * @param sidecar its {@link BackboneInfo} JSON
 */
public record TorchScriptLocation(Path modelFile, Path sidecar) {

    /** File name of the TorchScript module in a model directory. */
    public static final String MODEL_FILE = "model.pt";
    /** File name of the sidecar in a model directory. */
    public static final String SIDECAR_FILE = "backbone.json";

    /**
     * @param dir a directory holding {@value #MODEL_FILE} and {@value #SIDECAR_FILE}
     * @return the location of the two files in it
     */
    public static TorchScriptLocation inDirectory(Path dir) {
        return new TorchScriptLocation(dir.resolve(MODEL_FILE), dir.resolve(SIDECAR_FILE));
    }

    /**
     * @param spec the backbone wanted; its modelDir must be set
     * @return every location searched for it, in order
     */
    public static List<TorchScriptLocation> candidates(BackboneSpec spec) {
        if (spec.modelDir() == null) {
            throw new BackboneException("MODEL.BACKBONE.model_dir (env MDFE_MODEL_DIR) must be set"
                    + " to load backbone type '" + spec.type() + "'");
        }
        if (spec.modelName().isBlank()) {
            throw new BackboneException("MODEL.BACKBONE.model_name must be set to load backbone"
                    + " type '" + spec.type() + "'");
        }
        Path weightsDir = spec.modelDir().resolve(safePart(spec.type()))
                .resolve(safePart(spec.modelName()))
                .resolve(safePart(spec.weights().isEmpty() ? "default" : spec.weights()));
        String name = safePart(spec.modelName());
        return List.of(
                inDirectory(weightsDir.resolve(spec.projLayer() ? "proj" : "noproj")),
                inDirectory(weightsDir),
                new TorchScriptLocation(spec.modelDir().resolve(name + ".pt"),
                        spec.modelDir().resolve(name + ".json")));
    }

    /**
     * @param spec the backbone wanted
     * @return the first candidate whose model file exists
     * @throws BackboneException listing every path tried when none exists, or naming the
     *     sidecar when the model file has none
     */
    public static TorchScriptLocation find(BackboneSpec spec) {
        List<TorchScriptLocation> candidates = candidates(spec);
        for (TorchScriptLocation candidate : candidates) {
            if (Files.isRegularFile(candidate.modelFile())) {
                if (!Files.isRegularFile(candidate.sidecar())) {
                    throw new BackboneException("Backbone model " + candidate.modelFile()
                            + " has no sidecar " + candidate.sidecar()
                            + " (export it with tools/export_backbone.py)");
                }
                return candidate;
            }
        }
        throw new BackboneException("No TorchScript backbone for type '" + spec.type()
                + "', model_name '" + spec.modelName() + "', weights '" + spec.weights()
                + "', proj_layer " + spec.projLayer() + "; tried: "
                + candidates.stream().map(c -> c.modelFile().toString())
                        .collect(Collectors.joining(", "))
                + " (export with tools/export_backbone.py --out-dir " + spec.modelDir() + ")");
    }

    /**
     * The path-part rule shared with {@code tools/export_backbone.py}.
     *
     * @param text a type, model name or weights string
     * @return text with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}
     */
    public static String safePart(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
