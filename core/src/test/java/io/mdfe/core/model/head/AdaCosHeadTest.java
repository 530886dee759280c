package io.mdfe.core.model.head;

/** Golden tests of {@link AdaCosHead}. */
class AdaCosHeadTest extends HeadGoldenTestBase {

    @Override
    String fixtureKey() {
        return "adacos";
    }

    @Override
    Class<? extends MarginHead> headClass() {
        return AdaCosHead.class;
    }
}
