package io.mdfe.core.model.head;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Golden tests of {@link CurricularFaceHead}. */
class CurricularFaceHeadTest extends HeadGoldenTestBase {

    @Override
    String fixtureKey() {
        return "curricularface";
    }

    @Override
    Class<? extends MarginHead> headClass() {
        return CurricularFaceHead.class;
    }

    @Test
    void curriculumParameterStartsAtZero() {
        CurricularFaceHead head = (CurricularFaceHead) HeadRegistry.create(fixture(1).spec());
        assertEquals(0f, head.getT());
    }
}
