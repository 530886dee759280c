package io.mdfe.trainer.plan;

import java.util.List;

/**
 * A request for a run, before it is checked: a config (inline or a recipe's), data and overrides.
 *
 * @param configYaml an inline config; empty when a recipe is named
 * @param recipe a recipe name; empty for an inline config
 * @param data the data; null to use the recipe's dataset
 * @param overrides KEY=VALUE config overrides
 */
public record TrainingRequest(String configYaml, String recipe, DataSelection data, List<String> overrides) {

    /** Copies the list so the request stays immutable. */
    public TrainingRequest {
        overrides = List.copyOf(overrides);
    }
}
