package io.mdfe.core.data.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.core.data.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A stand-in for an untrained model: Recall@1 of nearest neighbours on raw pixels, subsampled to a
 * coarse grid. Used to check that the demo set is neither noise (well above chance) nor trivial.
 */
final class RawPixelKnn {

    private static final int GRID = 16;

    private RawPixelKnn() {
    }

    /** Counts queries whose nearest index item (excluding itself when the two splits are one) shares a class. */
    static int hits(Path images, JsonNode queries, JsonNode index, boolean sameSplit) throws IOException {
        List<float[]> q = vectors(images, queries);
        List<float[]> x = sameSplit ? q : vectors(images, index);
        int hits = 0;
        for (int i = 0; i < q.size(); i++) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int j = 0; j < x.size(); j++) {
                double d = sameSplit && i == j ? Double.MAX_VALUE : distance(q.get(i), x.get(j));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = j;
                }
            }
            if (labels(queries.get(i)).contains(index.get(best).get("class_id").asInt())) {
                hits++;
            }
        }
        return hits;
    }

    static Set<Integer> labels(JsonNode entry) {
        Set<Integer> labels = new HashSet<>();
        JsonNode c = entry.get("class_id");
        if (c.isArray()) {
            c.forEach(e -> labels.add(e.asInt()));
        } else {
            labels.add(c.asInt());
        }
        return labels;
    }

    private static List<float[]> vectors(Path images, JsonNode entries) throws IOException {
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode e : entries) {
            RgbImage im = ImageDecoder.decode(images.resolve(e.get("path").asText()));
            float[] v = new float[GRID * GRID * 3];
            for (int gy = 0; gy < GRID; gy++) {
                for (int gx = 0; gx < GRID; gx++) {
                    int src = ((gy * im.height() / GRID) * im.width() + gx * im.width() / GRID) * 3;
                    for (int c = 0; c < 3; c++) {
                        v[(gy * GRID + gx) * 3 + c] = im.rgb()[src + c] & 0xff;
                    }
                }
            }
            vectors.add(v);
        }
        return vectors;
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
