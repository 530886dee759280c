package io.mdfe.trainer.recipe;

import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.trainer.store.JsonStateFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The registered recipes, persisted to one {@link JsonStateFile} and loaded on creation. Thread-safe. */
public final class RecipeRegistry {

    private final JsonStateFile<Recipe> file;
    private final TreeMap<String, Recipe> recipes = new TreeMap<>();

    /**
     * Loads the registry.
     *
     * @param file where it is persisted
     */
    public RecipeRegistry(JsonStateFile<Recipe> file) {
        this.file = file;
        file.load().forEach(r -> recipes.put(r.name(), r));
    }

    /**
     * Creates or replaces a recipe, after checking its name, dataset id and config.
     *
     * @param recipe the recipe
     * @return the stored recipe
     * @throws ServiceException INVALID_ARGUMENT naming the bad field
     */
    public synchronized Recipe register(Recipe recipe) {
        Identifiers.require("name", recipe.name());
        Identifiers.require("dataset_id", recipe.datasetId());
        try {
            ConfigLoader.fromYamlString(recipe.configYaml(), "recipe '" + recipe.name() + "'", List.of());
        } catch (ConfigException e) {
            throw ServiceException.invalidArgument("config_yaml: " + e.getMessage());
        }
        recipes.put(recipe.name(), recipe);
        file.save(all());
        return recipe;
    }

    /**
     * @param name a recipe name
     * @return the recipe, if registered
     */
    public synchronized Optional<Recipe> find(String name) {
        return Optional.ofNullable(recipes.get(name));
    }

    /** @return every recipe, sorted by name */
    public synchronized List<Recipe> all() {
        return new ArrayList<>(recipes.values());
    }

    /**
     * @param datasetId a dataset id
     * @return the enabled recipes that train on it, sorted by name
     */
    public synchronized List<Recipe> trainingOn(String datasetId) {
        return recipes.values().stream().filter(r -> r.enabled() && r.datasetId().equals(datasetId)).toList();
    }
}
