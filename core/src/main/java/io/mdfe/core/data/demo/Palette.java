package io.mdfe.core.data.demo;

import java.awt.Color;
import java.util.random.RandomGenerator;

/**
 * The few colours every motif and background draws from. Deliberately small: many classes share
 * colours, so colour statistics alone (what an untrained network sees best) cannot tell classes
 * apart and the embedding has to learn shape and texture.
 */
final class Palette {

    private static final Color[] COLOURS = {
        new Color(200, 40, 40), new Color(230, 130, 30), new Color(230, 210, 50), new Color(60, 160, 60),
        new Color(40, 150, 150), new Color(40, 80, 190), new Color(130, 60, 170), new Color(130, 90, 50),
        new Color(128, 128, 128), new Color(235, 235, 225), new Color(30, 30, 35),
    };

    private Palette() {
    }

    /** {@return one palette colour} */
    static Color pick(RandomGenerator r) {
        return COLOURS[r.nextInt(COLOURS.length)];
    }

    /** {@return a palette colour different from {@code other}} */
    static Color pickOtherThan(Color other, RandomGenerator r) {
        Color c = pick(r);
        while (c.equals(other)) {
            c = pick(r);
        }
        return c;
    }

    /** {@return {@code c} with each channel moved by up to {@code amount} and the given alpha} */
    static Color jitter(Color c, int amount, int alpha, RandomGenerator r) {
        return new Color(clamp(c.getRed() + r.nextInt(-amount, amount + 1)),
                clamp(c.getGreen() + r.nextInt(-amount, amount + 1)),
                clamp(c.getBlue() + r.nextInt(-amount, amount + 1)), alpha);
    }

    /** {@return {@code v} clamped to 0..255} */
    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
