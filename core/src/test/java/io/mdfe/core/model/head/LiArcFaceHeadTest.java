package io.mdfe.core.model.head;

/** Golden tests of {@link LiArcFaceHead}. */
class LiArcFaceHeadTest extends HeadGoldenTestBase {

    @Override
    String fixtureKey() {
        return "liarcface";
    }

    @Override
    Class<? extends MarginHead> headClass() {
        return LiArcFaceHead.class;
    }
}
