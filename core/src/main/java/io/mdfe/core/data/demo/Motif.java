package io.mdfe.core.data.demo;

import java.util.random.RandomGenerator;

/**
 * The visual vocabulary of one domain: how a class looks. {@link #design} invents a class from its
 * own random stream; the returned {@link Look} draws one instance of it.
 */
interface Motif {

    /** {@return a new class of this motif, fully determined by {@code classRandom}} */
    Look design(RandomGenerator classRandom);

    /** One class's appearance, drawn in a unit frame: centred at the origin, within [-1, 1] on both axes. */
    @FunctionalInterface
    interface Look {
        /** Draws one instance; {@code instanceRandom} supplies the per-image details (phase, small variations). */
        void draw(java.awt.Graphics2D g, RandomGenerator instanceRandom);
    }
}
