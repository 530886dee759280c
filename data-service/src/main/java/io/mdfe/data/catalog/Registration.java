package io.mdfe.data.catalog;

/**
 * What one registration did.
 *
 * @param outcome new dataset, changed dataset, or nothing
 * @param dataset the dataset after the registration
 * @param previousCurrent the current version before the registration; empty for a new dataset
 */
public record Registration(Outcome outcome, DatasetRecord dataset, String previousCurrent) {

    /** The three results of registering a directory. */
    public enum Outcome {
        /** The dataset id was new: its first version. */
        REGISTERED,
        /** The annotations changed: another version became current. */
        UPDATED,
        /** The annotations equal the current version: nothing changed. */
        UNCHANGED
    }
}
