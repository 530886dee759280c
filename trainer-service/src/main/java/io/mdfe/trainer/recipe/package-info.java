/**
 * The registries behind event-driven retraining: the {@link io.mdfe.trainer.recipe.RecipeRegistry} (configs
 * bound to a dataset) and the {@link io.mdfe.trainer.recipe.KnownDatasets} announced by the data-service, both
 * persisted under the state directory.
 */
package io.mdfe.trainer.recipe;
