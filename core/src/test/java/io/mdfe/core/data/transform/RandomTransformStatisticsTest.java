package io.mdfe.core.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.data.image.RgbImage;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Distributions and seeding of the random transforms (their pinned ops are golden-tested). */
class RandomTransformStatisticsTest {

    private static final int DRAWS = 4000;

    @Test
    void randomResizedCropBoxesStayInScaleAndRatioRanges() {
        RandomResizedCrop crop = new RandomResizedCrop(0.08, 1.0, 3.0 / 4, 4.0 / 3);
        int w = 500;
        int h = 375;
        double minArea = 1;
        double maxArea = 0;
        for (int seed = 0; seed < DRAWS; seed++) {
            CropBox box = crop.sample(w, h, rng(seed));
            assertTrue(box.left() + box.width() <= w && box.top() + box.height() <= h, box.toString());
            double area = (double) box.width() * box.height() / (w * h);
            // w and h are rounded to whole pixels, hence the slack
            assertTrue(area >= 0.08 * 0.97 && area <= 1.0, "area " + area + " of " + box);
            assertTrue(box.aspectRatio() >= 0.75 * 0.9 && box.aspectRatio() <= 4.0 / 3 / 0.9, "ratio of " + box);
            minArea = Math.min(minArea, area);
            maxArea = Math.max(maxArea, area);
        }
        assertTrue(minArea < 0.1 && maxArea > 0.9, "areas span the range: " + minArea + ".." + maxArea);
    }

    @Test
    void squareCropsOfNearFullArea() {
        RandomResizedCrop crop = new RandomResizedCrop(0.9, 1.0, 1.0, 1.0);
        for (int seed = 0; seed < DRAWS; seed++) {
            CropBox box = crop.sample(300, 300, rng(seed));
            assertEquals(box.width(), box.height(), "ratio (1, 1) gives squares");
            double area = box.width() * box.height() / 90000.0;
            assertTrue(area >= 0.9 * 0.99 && area <= 1.0, "area " + area);
        }
    }

    @Test
    void fallsBackToTheCentreCropWhenNoAttemptFits() {
        // every square of >= 90% of 10x100 is wider than 10 px: all 10 attempts fail
        CropBox box = new RandomResizedCrop(0.9, 1.0, 1.0, 1.0).sample(10, 100, rng(1));
        assertEquals(new CropBox(0, 45, 10, 10), box);
    }

    @Test
    void flipHappensHalfTheTime() {
        RandomHorizontalFlip flip = new RandomHorizontalFlip(0.5);
        Random rng = rng(7);
        int flipped = 0;
        for (int i = 0; i < DRAWS; i++) {
            float[] chw = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
            flip.apply(chw, 2, rng);
            flipped += chw[0] == 1 ? 1 : 0;
        }
        double p = (double) flipped / DRAWS;
        assertTrue(Math.abs(p - 0.5) < 0.03, "flip frequency " + p);
    }

    @Test
    void jitterFactorsSpanTheirRangeAndAllOrdersOccur() {
        ColorJitter jitter = new ColorJitter(0.4, 0.4, 0.4);
        Random rng = rng(3);
        Set<List<JitterOp>> orders = new HashSet<>();
        float lo = Float.MAX_VALUE;
        float hi = 0;
        for (int i = 0; i < DRAWS; i++) {
            JitterParams p = jitter.sample(rng);
            orders.add(p.order());
            for (JitterOp op : JitterOp.values()) {
                assertTrue(p.factor(op) >= 0.6f && p.factor(op) <= 1.4f, p.toString());
                lo = Math.min(lo, p.factor(op));
                hi = Math.max(hi, p.factor(op));
            }
        }
        assertEquals(6, orders.size(), "all 3! orders");
        assertTrue(lo < 0.61f && hi > 1.39f, "factors span 0.6..1.4: " + lo + ".." + hi);
    }

    @Test
    void sameSeedSameOutputDifferentSeedsDiffer() {
        // near-square: with scale >= 0.9 and ratio 1 a wider image always takes the centre-crop fallback
        RgbImage image = noise(200, 196, 11);
        Normalization norm = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
        for (String name : List.of("openclip", "eva-clip", "siglip", "custom")) {
            ImageTransform t = TransformRegistry.create(name, 32, norm);
            assertArrayEquals(t.apply(image, rng(5)), t.apply(image, rng(5)), name);
            Set<List<Float>> distinct = new HashSet<>();
            for (int seed = 0; seed < 10; seed++) {
                float[] out = t.apply(image, rng(seed));
                distinct.add(List.of(out[0], out[out.length / 2], out[out.length - 1], (float) Arrays.hashCode(out)));
            }
            assertTrue(distinct.size() >= 8, name + ": only " + distinct.size() + " distinct outputs in 10 seeds");
        }
        ImageTransform clip = TransformRegistry.create("openai-clip", 32, norm);
        assertArrayEquals(clip.apply(image, rng(5)), clip.apply(image, rng(6)), "openai-clip is deterministic");
    }

    @Test
    void unknownNameListsTheValidOnes() {
        Normalization norm = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransformRegistry.create("clip", 32, norm));
        assertEquals("unknown TRANSFORM.name 'clip'; valid: custom, eva-clip, openai-clip, openclip, siglip", e.getMessage());
    }

    /**
     * A well-mixed generator per seed: java.util.Random's first draws for neighbouring seeds are
     * nearly equal, which would hide the spread of the distributions under test.
     */
    static Random rng(long seed) {
        return new Random(new SplittableRandom(seed).nextLong());
    }

    static RgbImage noise(int w, int h, long seed) {
        byte[] rgb = new byte[w * h * 3];
        rng(seed).nextBytes(rgb);
        return new RgbImage(w, h, rgb);
    }
}
