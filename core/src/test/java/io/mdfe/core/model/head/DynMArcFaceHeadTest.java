package io.mdfe.core.model.head;

/** Golden tests of {@link DynMArcFaceHead}. */
class DynMArcFaceHeadTest extends HeadGoldenTestBase {

    @Override
    String fixtureKey() {
        return "dynm_arcface";
    }

    @Override
    Class<? extends MarginHead> headClass() {
        return DynMArcFaceHead.class;
    }
}
