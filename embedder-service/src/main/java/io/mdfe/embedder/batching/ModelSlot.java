package io.mdfe.embedder.batching;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model being served, swapped atomically. Users take a {@link Lease} for as long as they need the
 * model; a model that has been swapped out is closed when its last lease is released, so in-flight
 * work always finishes on the model it started with.
 *
 * @param <M> the model type
 */
public final class ModelSlot<M extends BatchModel> implements AutoCloseable {

    private final AtomicReference<Counted<M>> current = new AtomicReference<>();

    /** {@return a lease on the current model, or empty while none is loaded} */
    public Optional<Lease<M>> acquire() {
        while (true) {
            Counted<M> counted = current.get();
            if (counted == null) {
                return Optional.empty();
            }
            // Fails only when a swap retired this model and its last lease went meanwhile: re-read.
            if (counted.retain()) {
                return Optional.of(new Lease<>(counted));
            }
        }
    }

    /**
     * {@return the current model for reading its identity, without a lease} The model may be closed
     * at any time after this returns: use {@link #acquire()} to run it.
     */
    public Optional<M> peek() {
        Counted<M> counted = current.get();
        return counted == null ? Optional.empty() : Optional.of(counted.model);
    }

    /**
     * Makes {@code next} the served model. The previous model is closed once no lease holds it.
     *
     * @param next the new model, or null to serve none
     */
    public void swap(M next) {
        Counted<M> previous = current.getAndSet(next == null ? null : new Counted<>(next));
        if (previous != null) {
            previous.release();
        }
    }

    /** Stops serving; the last model is closed when its last lease is released. */
    @Override
    public void close() {
        swap(null);
    }

    /**
     * A hold on one model; the model stays open until every lease on it is released.
     *
     * @param <M> the model type
     */
    public static final class Lease<M extends BatchModel> implements AutoCloseable {

        private final Counted<M> counted;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Counted<M> counted) {
            this.counted = counted;
        }

        /** {@return the leased model} */
        public M model() {
            return counted.model;
        }

        /** Releases the hold; later calls do nothing. */
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                counted.release();
            }
        }
    }

    /** A model with a reference count; the slot itself holds one reference while the model is current. */
    private static final class Counted<M extends BatchModel> {

        private final M model;
        private final AtomicInteger references = new AtomicInteger(1);

        Counted(M model) {
            this.model = model;
        }

        boolean retain() {
            while (true) {
                int n = references.get();
                if (n == 0) {
                    return false;
                }
                if (references.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (references.decrementAndGet() == 0) {
                model.close();
            }
        }
    }
}
