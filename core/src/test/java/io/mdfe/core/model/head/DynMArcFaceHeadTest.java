package io.mdfe.core.model.head;

import static io.mdfe.core.model.head.HeadHarness.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Golden tests of {@link DynMArcFaceHead} and its class-balanced margins. */
class DynMArcFaceHeadTest extends HeadGoldenTestBase {

    @Override
    String fixtureKey() {
        return "dynm_arcface";
    }

    @Override
    Class<? extends MarginHead> headClass() {
        return DynMArcFaceHead.class;
    }

    @Test
    void rareClassesGetMaxMarginAndFrequentClassesMinMargin() {
        float[] margins = ClassBalancedMargins.marginsRad(new long[] {10, 1000, 505, 1}, 0.2f, 0.5f);
        assertEquals(0.5f, margins[3], 1e-7);
        assertEquals(0.2f, margins[1], 1e-7);
        assertTrue(margins[0] > margins[2] && margins[2] > margins[1], Arrays.toString(margins));
    }

    @Test
    void allEqualCountsGiveMaxMarginEverywhereAndMatchArcFace() {
        GoldenFixture f = fixture(3);
        HeadSpec equal = f.spec().withClassCounts(new long[] {7, 7, 7, 7, 7});
        DynMArcFaceHead dynm = (DynMArcFaceHead) HeadRegistry.create(equal);
        float[] expectedMargins = new float[equal.numClasses()];
        Arrays.fill(expectedMargins, equal.marginMaxRad());
        assertArrayEquals(expectedMargins, dynm.getClassMarginsRad());

        HeadSpec arcFace =
                HeadSpec.builder()
                        .setName("ArcFace")
                        .setNumClasses(equal.numClasses())
                        .setEmbeddingDim(equal.embeddingDim())
                        .optK(equal.k())
                        .optScale(equal.scale())
                        .optMarginRad(equal.marginMaxRad())
                        .build();
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][] dynmLogits = HeadHarness.trainStep(HeadHarness.newHead(equal, f.w(), manager), f, manager).logits();
            float[][] arcLogits = HeadHarness.trainStep(HeadHarness.newHead(arcFace, f.w(), manager), f, manager).logits();
            for (float[] row : dynmLogits) {
                for (float v : row) {
                    assertFalse(Float.isNaN(v), "NaN logit with equal class counts");
                }
            }
            assertClose(arcLogits, dynmLogits, "DynM-ArcFace with equal counts vs ArcFace(m_max)");
        }
    }

    @Test
    void missingClassDistributionIsAClearError() {
        HeadSpec noCounts = fixture(1).spec().withClassCounts(null);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HeadRegistry.create(noCounts));
        assertTrue(e.getMessage().contains("DATASET.cls_dist_file"), e.getMessage());
    }
}
