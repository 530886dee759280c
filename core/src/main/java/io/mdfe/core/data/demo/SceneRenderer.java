package io.mdfe.core.data.demo;

import java.awt.BasicStroke;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Renders one photo-like image of one or more class looks. Everything that is not the class varies
 * per image: background gradient and clutter, position, scale and rotation of the object, a chance
 * of a small occluder, then brightness, per-channel colour cast and sensor noise.
 */
final class SceneRenderer {

    private SceneRenderer() {
    }

    /** {@return an RGB image of {@code looks} side by side, each in its own random pose} */
    static BufferedImage render(List<Motif.Look> looks, int width, int height, double maxRotationDeg,
                                RandomGenerator r) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            background(g, width, height, r);
            double cell = (double) width / looks.size();
            for (int i = 0; i < looks.size(); i++) {
                AffineTransform pose = new AffineTransform();
                double radius = Math.min(cell, height) / 2 * r.nextDouble(0.6, 0.95);
                pose.translate(cell * (i + 0.5) + cell * r.nextDouble(-0.15, 0.15),
                        height * (0.5 + r.nextDouble(-0.15, 0.15)));
                pose.rotate(Math.toRadians(r.nextDouble(-maxRotationDeg, maxRotationDeg)));
                pose.scale(radius, radius);
                g.setTransform(pose);
                looks.get(i).draw(g, r);
            }
            g.setTransform(new AffineTransform());
            if (r.nextInt(10) < 3) {
                g.setColor(Palette.jitter(Palette.pick(r), 20, 255, r));
                double s = Math.min(width, height) * r.nextDouble(0.12, 0.25);
                g.fill(new Ellipse2D.Double(r.nextDouble(width - s), r.nextDouble(height - s), s, s));
            }
        } finally {
            g.dispose();
        }
        photometric(image, r);
        return image;
    }

    /** A random two-colour gradient with a few translucent shapes and lines over it. */
    private static void background(Graphics2D g, int width, int height, RandomGenerator r) {
        g.setPaint(new GradientPaint(0, 0, Palette.jitter(Palette.pick(r), 30, 255, r),
                (float) r.nextDouble(width), height, Palette.jitter(Palette.pick(r), 30, 255, r)));
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        int clutter = r.nextInt(3, 8);
        for (int i = 0; i < clutter; i++) {
            g.setColor(Palette.jitter(Palette.pick(r), 30, r.nextInt(70, 170), r));
            double x = r.nextDouble(width);
            double y = r.nextDouble(height);
            double w = r.nextDouble(0.1, 0.5) * width;
            double h = r.nextDouble(0.1, 0.5) * height;
            switch (r.nextInt(3)) {
                case 0 -> g.fill(new Rectangle2D.Double(x - w / 2, y - h / 2, w, h));
                case 1 -> g.fill(new Ellipse2D.Double(x - w / 2, y - h / 2, w, h));
                default -> {
                    g.setStroke(new BasicStroke((float) r.nextDouble(1, 4)));
                    g.draw(new Line2D.Double(x - w, y - h, x + w, y + h));
                }
            }
        }
    }

    /** Brightness, colour cast and Gaussian noise, applied to the finished pixels. */
    private static void photometric(BufferedImage image, RandomGenerator r) {
        double brightness = r.nextDouble(0.7, 1.3);
        double[] gain = {brightness * r.nextDouble(0.88, 1.12), brightness * r.nextDouble(0.88, 1.12),
            brightness * r.nextDouble(0.88, 1.12)};
        double sigma = r.nextDouble(2, 9);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int red = Palette.clamp(((p >> 16) & 0xff) * gain[0] + sigma * r.nextGaussian());
            int green = Palette.clamp(((p >> 8) & 0xff) * gain[1] + sigma * r.nextGaussian());
            int blue = Palette.clamp((p & 0xff) * gain[2] + sigma * r.nextGaussian());
            pixels[i] = (red << 16) | (green << 8) | blue;
        }
    }
}
