package io.mdfe.core.model.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of {@link HeadRegistry}. */
class HeadRegistryTest {

    private static HeadSpec spec(String name, int k) {
        return HeadSpec.builder()
                .setName(name)
                .setNumClasses(4)
                .setEmbeddingDim(3)
                .optK(k)
                .optClassCounts(new long[] {1, 2, 3, 4})
                .build();
    }

    @Test
    void namesAreTheUpstreamHeadNames() {
        assertEquals(
                List.of("ArcFace", "DynM-ArcFace", "AdaCos", "LiArcFace", "CurricularFace", "AdaFace"),
                List.copyOf(HeadRegistry.names()));
    }

    @Test
    void unknownNameListsTheValidNames() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HeadRegistry.create(spec("SubArcFace", 1)));
        assertTrue(e.getMessage().contains("SubArcFace"), e.getMessage());
        for (String name : HeadRegistry.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void subCenterIsArcFaceWithKAboveOne() {
        MarginHead head = HeadRegistry.create(spec("ArcFace", 3));
        assertInstanceOf(ArcFaceHead.class, head);
        assertEquals(
                new Shape(12, 3),
                head.getParameters().get("weight").getShape());
    }
}
