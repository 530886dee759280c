package io.mdfe.core.model.head;

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
}
