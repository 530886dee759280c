package io.mdfe.core.model.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Golden tests of {@link AdaFaceHead}. */
class AdaFaceHeadTest extends HeadGoldenTestBase {

    @Override
    String fixtureKey() {
        return "adaface";
    }

    @Override
    Class<? extends MarginHead> headClass() {
        return AdaFaceHead.class;
    }

    @Test
    void normStatisticsStartAtTwentyAndHundred() {
        AdaFaceHead head = (AdaFaceHead) HeadRegistry.create(fixture(1).spec());
        assertEquals(20f, head.getBatchMean());
        assertEquals(100f, head.getBatchStd());
    }

    @Test
    void singleEmbeddingBatchIsAClearError() {
        GoldenFixture f = fixture(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = HeadHarness.newHead(f, manager);
            NDList x = new NDList(manager.create(new float[][] {f.x()[0]}));
            NDList y = new NDList(manager.create(new long[] {f.labels()[0]}));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> head.forward(new ParameterStore(manager, false), x, y, null));
            assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        }
    }
}
