package io.mdfe.core.data.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.random.RandomGenerator;

/**
 * Products as composite shapes (the {@code sop} domain): a body (polygon or ellipse) of some aspect
 * ratio, an optional band across it, and a small emblem at a class-specific spot.
 */
final class ProductMotif implements Motif {

    @Override
    public Look design(RandomGenerator r) {
        int sides = r.nextInt(2, 8); // 2 stands for an ellipse
        double aspect = r.nextDouble(0.55, 1.0);
        Color body = Palette.pick(r);
        Color band = r.nextBoolean() ? Palette.pickOtherThan(body, r) : null;
        double bandY = r.nextDouble(-0.4, 0.4);
        Color emblem = Palette.pickOtherThan(body, r);
        int emblemSides = r.nextInt(2, 5);
        double ex = r.nextDouble(-0.35, 0.35);
        double ey = r.nextDouble(-0.35, 0.35);
        Shape outline = polygon(sides, 0.9 * aspect, 0.9, r.nextDouble(Math.PI));
        Shape mark = polygon(emblemSides, 0.28, 0.28, r.nextDouble(Math.PI));
        return (g, instance) -> {
            g.setColor(body);
            g.fill(outline);
            if (band != null) {
                Shape clip = g.getClip();
                g.clip(outline);
                g.setColor(band);
                g.fill(new Rectangle2D.Double(-1, bandY - 0.12, 2, 0.24));
                g.setClip(clip);
            }
            g.setColor(emblem);
            g.translate(ex * aspect, ey);
            g.fill(mark);
            g.translate(-ex * aspect, -ey);
        };
    }

    /** A regular polygon (an ellipse for {@code sides == 2}) with radii {@code rx, ry}, turned by {@code phase}. */
    static Shape polygon(int sides, double rx, double ry, double phase) {
        if (sides == 2) {
            return new Ellipse2D.Double(-rx, -ry, 2 * rx, 2 * ry);
        }
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < sides; i++) {
            double a = phase + 2 * Math.PI * i / sides;
            if (i == 0) {
                p.moveTo(rx * Math.cos(a), ry * Math.sin(a));
            } else {
                p.lineTo(rx * Math.cos(a), ry * Math.sin(a));
            }
        }
        p.closePath();
        return p;
    }
}
