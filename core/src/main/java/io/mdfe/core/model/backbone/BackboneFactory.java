package io.mdfe.core.model.backbone;

import ai.djl.ndarray.NDManager;

/** Creates a {@link Backbone} of one family from a {@link BackboneSpec}. */
@FunctionalInterface
public interface BackboneFactory {

    /**
     * Creates the backbone.
     *
     * @param spec what to build or load
     * @param manager parent manager; decides the device the parameters live on
     * @return a ready-to-run backbone, owned (and to be closed) by the caller
     * @throws BackboneException when the backbone cannot be built or loaded
     */
    Backbone create(BackboneSpec spec, NDManager manager);
}
