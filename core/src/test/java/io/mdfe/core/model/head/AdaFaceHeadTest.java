package io.mdfe.core.model.head;

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
}
