package io.mdfe.core.model.head;

/** Golden tests of {@link ArcFaceHead}. */
class ArcFaceHeadTest extends HeadGoldenTestBase {

    @Override
    String fixtureKey() {
        return "arcface";
    }

    @Override
    Class<? extends MarginHead> headClass() {
        return ArcFaceHead.class;
    }
}
