package io.mdfe.trainer.recipe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recipes given as files, one {@code <name>.json} per recipe in the fields of {@link Recipe}: the Helm chart
 * writes {@code services.trainer.recipes} this way into a ConfigMap mounted at {@code mdfe.trainer.recipes-dir}
 * ({@code MDFE_TRAINER_RECIPES_DIR}). They are registered at startup, replacing recipes of the same name.
 */
public final class RecipeFiles {

    /** The largest recipe file read; a recipe is a config of a few KB. */
    static final long MAX_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private RecipeFiles() {
    }

    /**
     * Reads every {@code *.json} of a directory, in name order.
     *
     * @param dir the directory
     * @return the recipes
     * @throws IllegalArgumentException naming the file when one is too big, is not a recipe, or its name
     *                                  differs from the file's
     */
    public static List<Recipe> read(Path dir) {
        List<Recipe> recipes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                recipes.add(readOne(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list recipes in " + dir, e);
        }
        return recipes;
    }

    private static Recipe readOne(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException("recipe file " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        Recipe recipe;
        try {
            recipe = JSON.readValue(file.toFile(), Recipe.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("recipe file " + file + " is not a recipe: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        String expected = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (!expected.equals(recipe.name())) {
            throw new IllegalArgumentException("recipe file " + file + " holds recipe '" + recipe.name() + "', expected '" + expected + "'");
        }
        return recipe;
    }
}
