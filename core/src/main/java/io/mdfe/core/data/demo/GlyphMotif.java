package io.mdfe.core.data.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.random.RandomGenerator;

/**
 * Retail packs as glyph-like marks on a label (the {@code rp2k} domain): a class is a few strokes
 * between points of a 4x4 grid, the stroke width, the label colour and a colour band at the bottom.
 * Drawn with strokes rather than fonts so the output does not depend on the fonts installed.
 */
final class GlyphMotif implements Motif {

    @Override
    public Look design(RandomGenerator r) {
        Color label = Palette.pick(r);
        Color ink = Palette.pickOtherThan(label, r);
        Color band = Palette.pickOtherThan(label, r);
        float width = (float) r.nextDouble(0.09, 0.16);
        Path2D.Double glyph = new Path2D.Double();
        int strokes = r.nextInt(3, 6);
        int[] at = gridPoint(r);
        glyph.moveTo(x(at), y(at));
        for (int i = 0; i < strokes; i++) {
            int[] next = gridPoint(r);
            if (r.nextInt(3) == 0) {
                glyph.moveTo(x(next), y(next)); // a pen lift: glyphs may have separate parts
                next = gridPoint(r);
            }
            glyph.lineTo(x(next), y(next));
        }
        return (g, instance) -> {
            g.setColor(label);
            g.fill(new RoundRectangle2D.Double(-0.7, -0.95, 1.4, 1.9, 0.3, 0.3));
            g.setColor(band);
            g.fill(new Rectangle2D.Double(-0.7, 0.55, 1.4, 0.22));
            g.setColor(ink);
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(glyph);
        };
    }

    private static int[] gridPoint(RandomGenerator r) {
        return new int[] {r.nextInt(4), r.nextInt(4)};
    }

    private static double x(int[] p) {
        return -0.45 + 0.3 * p[0];
    }

    private static double y(int[] p) {
        return -0.7 + 0.36 * p[1];
    }
}
