/**
 * Persistence of the trainer-service's state: {@link io.mdfe.trainer.store.JsonStateFile}, one atomically
 * replaced JSON file per registry (runs, recipes, known datasets) under {@code mdfe.trainer.state-dir}.
 */
package io.mdfe.trainer.store;
