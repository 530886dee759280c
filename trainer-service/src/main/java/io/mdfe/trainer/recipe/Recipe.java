package io.mdfe.trainer.recipe;

import java.util.List;

/**
 * A registered training config that is retrained whenever its dataset changes.
 *
 * @param name its unique name
 * @param configYaml the MDFE2 YAML config
 * @param datasetId the data-service dataset it trains on
 * @param datasetNames DATASET.names; empty means the dataset's own names
 * @param enabled whether dataset changes start runs
 */
public record Recipe(String name, String configYaml, String datasetId, List<String> datasetNames, boolean enabled) {

    /** Copies the list so the recipe stays immutable. */
    public Recipe {
        datasetNames = List.copyOf(datasetNames);
    }
}
