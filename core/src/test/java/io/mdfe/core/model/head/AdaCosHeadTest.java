package io.mdfe.core.model.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** Golden tests of {@link AdaCosHead} and its adaptive scale. */
class AdaCosHeadTest extends HeadGoldenTestBase {

    @Override
    String fixtureKey() {
        return "adacos";
    }

    @Override
    Class<? extends MarginHead> headClass() {
        return AdaCosHead.class;
    }

    @Test
    void initialScaleIsSqrtTwoTimesLogOfClassesMinusOne() {
        AdaCosHead head = (AdaCosHead) HeadRegistry.create(fixture(1).spec());
        assertEquals(Math.sqrt(2) * Math.log(4), head.getScale(), 1e-6);
    }

    @Test
    void scaleAdaptsOnlyWithDynamicScale() {
        GoldenFixture f = fixture(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            AdaCosHead dynamic = (AdaCosHead) HeadHarness.newHead(f, manager);
            HeadHarness.trainStep(dynamic, f, manager);
            assertNotEquals(AdaCosHead.initialScale(5), dynamic.getScale());

            HeadSpec fixedSpec =
                    HeadSpec.builder()
                            .setName("AdaCos")
                            .setNumClasses(5)
                            .setEmbeddingDim(f.spec().embeddingDim())
                            .optDynamicScale(false)
                            .build();
            AdaCosHead fixed = (AdaCosHead) HeadHarness.newHead(fixedSpec, f.w(), manager);
            HeadHarness.trainStep(fixed, f, manager);
            assertEquals(AdaCosHead.initialScale(5), fixed.getScale());
        }
    }
}
