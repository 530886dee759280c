package io.mdfe.trainer.run;

import java.util.List;

/**
 * What a run trains, fixed when it is submitted.
 *
 * @param recipe the recipe it trains; empty for an ad-hoc run
 * @param datasetId the registered dataset it trains on; empty when started on a directory
 * @param datasetVersion that dataset's version; empty when started on a directory
 * @param dataRoot the canonical data directory
 * @param datasetNames DATASET.names
 * @param configYaml the resolved config (overrides, DATASET.root and names applied)
 * @param runDir the run folder, created with the config in it
 * @param modelId the run folder's model id, shared by every checkpoint's ModelRef
 */
public record RunSpec(String recipe, String datasetId, String datasetVersion, String dataRoot,
                      List<String> datasetNames, String configYaml, String runDir, String modelId) {

    /** Copies the list so the spec stays immutable. */
    public RunSpec {
        datasetNames = List.copyOf(datasetNames);
    }
}
