package io.mdfe.core.data.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Landmarks as skylines (the {@code gldv2} domain): a class is a row of buildings, each with a width,
 * height, colour and roof (flat, dome, spire or gable), some with lit windows.
 */
final class SkylineMotif implements Motif {

    private enum Roof { FLAT, DOME, SPIRE, GABLE }

    private record Building(double x, double width, double height, Color colour, Roof roof, boolean windows) {
    }

    private static final double GROUND = 0.85;

    @Override
    public Look design(RandomGenerator r) {
        int count = r.nextInt(2, 6);
        List<Building> buildings = new ArrayList<>();
        double x = -0.9;
        double span = 1.8 / count;
        for (int i = 0; i < count; i++) {
            double w = span * r.nextDouble(0.6, 1.0);
            buildings.add(new Building(x + (span - w) / 2, w, r.nextDouble(0.4, 1.5), Palette.pick(r),
                    Roof.values()[r.nextInt(Roof.values().length)], r.nextBoolean()));
            x += span;
        }
        return (g, instance) -> {
            for (Building b : buildings) {
                draw(g, b);
            }
        };
    }

    private static void draw(Graphics2D g, Building b) {
        double top = GROUND - b.height();
        g.setColor(b.colour());
        g.fill(new Rectangle2D.Double(b.x(), top, b.width(), b.height()));
        double cx = b.x() + b.width() / 2;
        switch (b.roof()) {
            case DOME -> g.fill(new Ellipse2D.Double(b.x(), top - b.width() / 2, b.width(), b.width()));
            case SPIRE, GABLE -> {
                double h = b.roof() == Roof.SPIRE ? b.width() * 1.6 : b.width() * 0.5;
                Path2D.Double roof = new Path2D.Double();
                roof.moveTo(b.x(), top);
                roof.lineTo(cx, top - h);
                roof.lineTo(b.x() + b.width(), top);
                roof.closePath();
                g.fill(roof);
            }
            case FLAT -> { }
        }
        if (b.windows()) {
            g.setColor(new Color(250, 230, 120));
            double size = b.width() / 5;
            for (double y = top + size; y < GROUND - size; y += 2.5 * size) {
                g.fill(new Rectangle2D.Double(b.x() + size, y, size, size));
                g.fill(new Rectangle2D.Double(b.x() + 3 * size, y, size, size));
            }
        }
    }
}
