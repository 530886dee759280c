package io.mdfe.core.model.backbone;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/**
 * Creates backbones of one family: from a {@link BackboneSpec} (config), or back from the files a
 * backbone of this family wrote with {@link Backbone#saveTo}.
 */
public interface BackboneFactory {

    /** The sidecar every saved backbone folder holds. */
    String SIDECAR = "backbone.json";

    /**
     * Creates the backbone.
     *
     * @param spec what to build or load
     * @param manager parent manager; decides the device the parameters live on
     * @return a ready-to-run backbone, owned (and to be closed) by the caller
     * @throws BackboneException when the backbone cannot be built or loaded
     */
    Backbone create(BackboneSpec spec, NDManager manager);

    /**
     * Loads a backbone that {@link Backbone#saveTo} wrote into {@code dir}.
     *
     * @param dir the folder holding {@value #SIDECAR} and the weights
     * @param info the folder's sidecar, already read
     * @param trainable true to load the parameters with gradients
     * @param manager parent manager
     * @return the loaded backbone, owned by the caller
     * @throws BackboneException naming the file that is missing or wrong
     */
    Backbone load(Path dir, BackboneInfo info, boolean trainable, NDManager manager);

    /** Joins a create and a load function into a factory. */
    static BackboneFactory of(Creator creator, Loader loader) {
        return new BackboneFactory() {
            @Override
            public Backbone create(BackboneSpec spec, NDManager manager) {
                return creator.create(spec, manager);
            }

            @Override
            public Backbone load(Path dir, BackboneInfo info, boolean trainable, NDManager manager) {
                return loader.load(dir, info, trainable, manager);
            }
        };
    }

    /** The create half of a factory. */
    @FunctionalInterface
    interface Creator {
        /** See {@link BackboneFactory#create}. */
        Backbone create(BackboneSpec spec, NDManager manager);
    }

    /** The load half of a factory. */
    @FunctionalInterface
    interface Loader {
        /** See {@link BackboneFactory#load}. */
        Backbone load(Path dir, BackboneInfo info, boolean trainable, NDManager manager);
    }
}
