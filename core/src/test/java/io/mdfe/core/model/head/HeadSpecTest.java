package io.mdfe.core.model.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Tests of {@link HeadSpec} defaults and validation. */
class HeadSpecTest {

    private static HeadSpec.Builder valid() {
        return HeadSpec.builder().setName("ArcFace").setNumClasses(5).setEmbeddingDim(8);
    }

    private static void assertRejected(UnaryOperator<HeadSpec.Builder> change, String key) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build());
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }

    @Test
    void defaultsAreTheUpstreamDefaults() {
        HeadSpec spec = valid().build();
        assertEquals(1, spec.k());
        assertEquals(30f, spec.scale());
        assertTrue(spec.dynamicScale());
        assertEquals(0.5f, spec.marginRad());
        assertEquals(0.5f, spec.marginMaxRad());
        assertEquals(0.2f, spec.marginMinRad());
        assertEquals(0.333f, spec.h());
        assertEquals(1f, spec.tAlpha());
        assertNull(spec.classCounts());
    }

    @Test
    void invalidValuesNameTheUpstreamKey() {
        assertRejected(b -> b.optK(0), "MODEL.HEAD.k");
        assertRejected(b -> b.optScale(0f), "MODEL.HEAD.s");
        assertRejected(b -> b.optMarginRad(-0.1f), "MODEL.HEAD.m");
        assertRejected(b -> b.optMarginMinRad(0.6f), "MODEL.HEAD.m_min");
        assertRejected(b -> b.optMarginMaxRad(4f), "MODEL.HEAD.m_max");
        assertRejected(b -> b.optH(Float.NaN), "MODEL.HEAD.h");
        assertRejected(b -> b.optTAlpha(1.5f), "MODEL.HEAD.t_alpha");
        assertRejected(b -> b.setEmbeddingDim(0), "MODEL.embedding_dim");
        assertRejected(b -> b.setName(" "), "MODEL.HEAD.name");
        assertRejected(b -> b.optClassCounts(new long[] {1, 2}), "DATASET.cls_dist_file");
        assertRejected(b -> b.setNumClasses(1), "number of classes");
    }

    @Test
    void classCountsAreCopied() {
        long[] counts = {1, 2, 3, 4, 5};
        HeadSpec spec = valid().optClassCounts(counts).build();
        counts[0] = 99;
        assertEquals(1, spec.classCounts()[0]);
        assertEquals(spec, valid().optClassCounts(new long[] {1, 2, 3, 4, 5}).build());
    }
}
