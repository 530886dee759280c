package io.mdfe.trainer.plan;

import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.train.RunDirectory;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.service.common.paths.RootedPaths;
import io.mdfe.trainer.recipe.KnownDataset;
import io.mdfe.trainer.recipe.KnownDatasets;
import io.mdfe.trainer.recipe.Recipe;
import io.mdfe.trainer.recipe.RecipeRegistry;
import io.mdfe.trainer.run.RunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a {@link TrainingRequest} into a {@link RunSpec}: picks the config (inline or the recipe's), resolves
 * the data (an announced dataset's directory, or a directory under the allowed data root), applies the
 * overrides plus {@code DATASET.root} and {@code DATASET.names}, validates the result as {@code mdfe train}
 * would, and creates the run folder with the resolved config in it. Every problem is a {@link ServiceException}
 * naming the request field.
 *
 * <p>Paths from outside stay inside configured roots ({@link RootedPaths}, PERMISSION_DENIED otherwise, the same
 * answer whether or not the path exists): the data under the allowed data root, and the files a config names
 * ({@code DATASET.cls_dist_file}, which training may create, and {@code MODEL.BACKBONE.model_dir}) under the
 * data root, the runs directory or the artifact roots.
 */
public final class RunPlanner {

    private final RootedPaths dataRoots;
    private final RootedPaths configFileRoots;
    private final Path runsDir;
    private final RecipeRegistry recipes;
    private final KnownDatasets datasets;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates the planner.
     *
     * @param allowedDataRoot runs read data only from below this directory
     * @param runsDir where run folders are created
     * @param recipes the registered recipes
     * @param datasets the announced datasets
     */
    public RunPlanner(Path allowedDataRoot, Path runsDir, RecipeRegistry recipes, KnownDatasets datasets) {
        this(allowedDataRoot, runsDir, List.of(), recipes, datasets);
    }

    /**
     * Creates the planner.
     *
     * @param allowedDataRoot runs read data only from below this directory
     * @param runsDir where run folders are created
     * @param artifactRoots further roots the files a config names may lie in (exported backbones)
     * @param recipes the registered recipes
     * @param datasets the announced datasets
     */
    public RunPlanner(Path allowedDataRoot, Path runsDir, List<Path> artifactRoots, RecipeRegistry recipes,
                      KnownDatasets datasets) {
        this.dataRoots = new RootedPaths("mdfe.trainer.allowed-data-root", List.of(allowedDataRoot));
        List<Path> fileRoots = new ArrayList<>(List.of(allowedDataRoot, runsDir));
        fileRoots.addAll(artifactRoots);
        this.configFileRoots = new RootedPaths("mdfe.trainer.allowed-data-root, mdfe.trainer.runs-dir,"
                + " mdfe.artifact-roots", fileRoots);
        this.runsDir = runsDir;
        this.recipes = recipes;
        this.datasets = datasets;
    }

    /**
     * Checks a request and creates its run folder.
     *
     * @param request the request
     * @return what the run trains
     * @throws ServiceException INVALID_ARGUMENT, NOT_FOUND or FAILED_PRECONDITION naming the field at fault
     */
    public RunSpec plan(TrainingRequest request) {
        String yaml;
        String source;
        String recipeName = "";
        DataSelection data = request.data();
        if (!request.recipe().isEmpty()) {
            Recipe recipe = recipes.find(request.recipe())
                    .orElseThrow(() -> ServiceException.notFound("recipe: no recipe '" + request.recipe() + "'"));
            yaml = recipe.configYaml();
            source = "recipe '" + recipe.name() + "'";
            recipeName = recipe.name();
            if (data == null) {
                data = DataSelection.registered(recipe.datasetId(), "", recipe.datasetNames());
            }
        } else if (!request.configYaml().isBlank()) {
            yaml = request.configYaml();
            source = "config_yaml";
        } else {
            throw ServiceException.invalidArgument("config: set config_yaml or recipe");
        }
        if (data == null) {
            throw ServiceException.invalidArgument("dataset: required with config_yaml (a root or a registered dataset)");
        }
        ResolvedData resolved = resolve(data);
        List<String> overrides = new ArrayList<>(request.overrides());
        overrides.add("DATASET.root=" + quote(resolved.root().toString()));
        if (!resolved.names().isEmpty()) {
            overrides.add("DATASET.names=" + resolved.names().stream().map(RunPlanner::quote)
                    .collect(Collectors.joining(",", "[", "]")));
        }
        MdfeConfig config;
        try {
            config = ConfigLoader.fromYamlString(yaml, source, overrides);
        } catch (ConfigException e) {
            throw ServiceException.invalidArgument((request.recipe().isEmpty() ? "config_yaml" : "recipe") + " / overrides: "
                    + e.getMessage());
        }
        confineConfigFiles(config, resolved.root());
        try {
            RunDirectory run = RunDirectory.create(runsDir, config, random);
            return new RunSpec(recipeName, resolved.datasetId(), resolved.version(), resolved.root().toString(),
                    config.dataset().names(), config.toYaml(), run.dir().toString(), run.modelId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder under " + runsDir, e);
        }
    }

    /** The data of a run: its canonical directory, names, and the announced dataset it is (if any). */
    private record ResolvedData(Path root, List<String> names, String datasetId, String version) {
    }

    private ResolvedData resolve(DataSelection data) {
        if (!data.datasetId().isEmpty()) {
            KnownDataset dataset = datasets.find(data.datasetId()).orElseThrow(() -> ServiceException.notFound(
                    "dataset.registered.dataset_id: no dataset '" + data.datasetId()
                            + "' has been announced on the dataset events"));
            if (!data.version().isEmpty() && !data.version().equals(dataset.version())) {
                throw ServiceException.failedPrecondition(
                        "dataset.registered.version: '" + data.version() + "' is not the current version of '"
                                + dataset.id() + "' (" + dataset.version() + "); only the current one is on disk");
            }
            List<String> names = data.names().isEmpty() ? dataset.names() : data.names();
            return new ResolvedData(allowed("dataset.registered (root of '" + dataset.id() + "')", dataset.root()),
                    names, dataset.id(), dataset.version());
        }
        if (data.root().isEmpty()) {
            throw ServiceException.invalidArgument("dataset: set root or registered");
        }
        return new ResolvedData(allowed("dataset.root", data.root()), data.names(), "", "");
    }

    /**
     * The canonical directory, which must lie under the allowed data root (PERMISSION_DENIED, whether or not it
     * exists) and exist (NOT_FOUND, said only of paths inside the root).
     */
    private Path allowed(String field, String root) {
        if (!root.startsWith("/")) {
            throw ServiceException.invalidArgument(field + ": must be an absolute path, got '" + root + "'");
        }
        Path real = dataRoots.confine(field, root);
        if (!Files.isDirectory(real)) {
            throw ServiceException.notFound(field + ": " + root + " is not an existing directory");
        }
        return real;
    }

    /** The files the resolved config names, relative ones as training resolves them, inside the allowed roots. */
    private void confineConfigFiles(MdfeConfig config, Path dataRoot) {
        String clsDist = config.dataset().clsDistFile();
        if (!clsDist.isBlank()) {
            Path path = Path.of(clsDist);
            configFileRoots.confine("DATASET.cls_dist_file", path.isAbsolute() ? path : dataRoot.resolve(path));
        }
        String modelDir = config.model().backbone().modelDir();
        if (!modelDir.isBlank()) {
            configFileRoots.confine("MODEL.BACKBONE.model_dir", modelDir);
        }
    }

    /** A YAML double-quoted scalar, so names like {@code uned:cars} stay strings. */
    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
