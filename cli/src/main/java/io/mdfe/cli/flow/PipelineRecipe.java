package io.mdfe.cli.flow;

import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The recipe {@code mdfe pipeline} trains: a config file ({@code <recipe>} itself, or {@code configs/<recipe>.yaml})
 * registered with the trainer-service under its file name, or, when there is no such file, a recipe the
 * trainer-service already has.
 *
 * @param name the recipe's name at the trainer-service
 * @param file the config file; null for a recipe the trainer-service already has
 * @param configYaml the file's text; null without a file
 * @param datasetNames the config's {@code DATASET.names}; empty without a file
 */
public record PipelineRecipe(String name, Path file, String configYaml, List<String> datasetNames) {

    /**
     * Finds the config file of {@code recipe}: the path itself, else {@code configs/<recipe>.yaml}.
     *
     * @param recipe a path or a name
     * @param configsDir the recipes folder
     * @return the recipe, or null when there is no such file (it may still be a trainer-service recipe)
     * @throws IOException when the file cannot be read
     * @throws io.mdfe.core.config.ConfigException naming the key of an invalid config
     */
    public static PipelineRecipe fromFile(String recipe, Path configsDir) throws IOException {
        Path file = Path.of(recipe);
        if (!Files.isRegularFile(file)) {
            file = configsDir.resolve(recipe + ".yaml");
            if (!Files.isRegularFile(file)) {
                return null;
            }
        }
        MdfeConfig config = ConfigLoader.load(file, List.of());
        String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return new PipelineRecipe(recipeName(base), file, Files.readString(file), config.dataset().names());
    }

    /** {@return a trainer-service recipe known by name only} */
    public static PipelineRecipe registered(String name) {
        return new PipelineRecipe(name, null, null, List.of());
    }

    /** {@return whether {@code name} is a name the trainer-service accepts (see {@link #recipeName})} */
    static boolean isRecipeName(String name) {
        return name.matches("[a-z0-9][a-z0-9._-]{0,63}");
    }

    /** A name the trainer-service accepts: 1-64 of [a-z0-9._-], starting with a letter or digit. */
    static String recipeName(String base) {
        String name = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceFirst("^[^a-z0-9]+", "");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("recipe: cannot make a recipe name of '" + base
                    + "' (needs letters or digits)");
        }
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
