package io.mdfe.core.data.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.random.RandomGenerator;

/**
 * Dishes as textures on a plate (the {@code food2k} domain): a class is a pattern kind, its two
 * colours, its frequency and the plate's rim colour; each instance shifts the pattern's phase.
 */
final class TextureMotif implements Motif {

    private enum Pattern { STRIPES, CHECKS, DOTS, RINGS, WAVES }

    @Override
    public Look design(RandomGenerator r) {
        Pattern pattern = Pattern.values()[r.nextInt(Pattern.values().length)];
        Color base = Palette.pick(r);
        Color ink = Palette.pickOtherThan(base, r);
        Color rim = Palette.pick(r);
        int frequency = r.nextInt(3, 8);
        double angle = r.nextDouble(Math.PI);
        Shape plate = new Ellipse2D.Double(-0.95, -0.95, 1.9, 1.9);
        Shape food = new Ellipse2D.Double(-0.78, -0.78, 1.56, 1.56);
        return (g, instance) -> {
            g.setColor(rim);
            g.fill(plate);
            Shape clip = g.getClip();
            g.clip(food);
            g.setColor(base);
            g.fill(food);
            g.setColor(ink);
            double step = 2.0 / frequency;
            double phase = instance.nextDouble(step);
            g.rotate(angle);
            drawPattern(g, pattern, step, phase);
            g.rotate(-angle);
            g.setClip(clip);
        };
    }

    private static void drawPattern(Graphics2D g, Pattern pattern, double step, double phase) {
        switch (pattern) {
            case STRIPES -> {
                g.setStroke(new BasicStroke((float) (step * 0.45)));
                for (double x = -1.2 + phase; x < 1.2; x += step) {
                    g.draw(new Line2D.Double(x, -1.2, x, 1.2));
                }
            }
            case CHECKS -> {
                for (double x = -1.2 + phase, i = 0; x < 1.2; x += step, i++) {
                    for (double y = -1.2 + phase, j = 0; y < 1.2; y += step, j++) {
                        if ((i + j) % 2 == 0) {
                            g.fill(new java.awt.geom.Rectangle2D.Double(x, y, step, step));
                        }
                    }
                }
            }
            case DOTS -> {
                double d = step * 0.5;
                for (double x = -1.2 + phase; x < 1.2; x += step) {
                    for (double y = -1.2 + phase; y < 1.2; y += step) {
                        g.fill(new Ellipse2D.Double(x, y, d, d));
                    }
                }
            }
            case RINGS -> {
                g.setStroke(new BasicStroke((float) (step * 0.3)));
                for (double rad = phase * 0.5 + step * 0.5; rad < 1.1; rad += step * 0.6) {
                    g.draw(new Ellipse2D.Double(-rad, -rad, 2 * rad, 2 * rad));
                }
            }
            case WAVES -> {
                g.setStroke(new BasicStroke((float) (step * 0.3)));
                for (double y = -1.2 + phase; y < 1.2; y += step) {
                    java.awt.geom.Path2D.Double wave = new java.awt.geom.Path2D.Double();
                    wave.moveTo(-1.2, y);
                    for (double x = -1.2; x <= 1.2; x += 0.05) {
                        wave.lineTo(x, y + 0.25 * step * Math.sin(x * Math.PI / step));
                    }
                    g.draw(wave);
                }
            }
        }
    }
}
