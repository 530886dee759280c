package io.mdfe.data.catalog;

import java.time.Instant;

/**
 * One immutable version of a dataset, as persisted in {@code catalog.json}.
 *
 * @param version fingerprint of the annotation files
 * @param registeredAt when this content was first registered
 * @param numSamples samples in the version's manifest
 * @param numClasses distinct labels
 * @param previousVersion the dataset's current version when this one was first registered; empty for the first
 */
public record VersionRecord(String version, Instant registeredAt, long numSamples, int numClasses,
        String previousVersion) {
}
