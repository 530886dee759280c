package io.mdfe.core.model.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackboneRegistryTest {

    private static final List<String> UPSTREAM = List.of("clip", "clip_convnext", "clipav2",
            "eva02", "meta-clip", "siglip", "dinov2", "sam");

    @TempDir
    Path tmp;

    @Test
    void knowsTheUpstreamTypesAndTheDemoCnn() {
        List<String> types = List.copyOf(BackboneRegistry.defaults().types());
        assertEquals(UPSTREAM, types.subList(0, 8));
        assertEquals("demo-cnn", types.get(8));
    }

    @Test
    void unknownTypeListsTheValidOnes() {
        BackboneException e = assertThrows(BackboneException.class,
                () -> BackboneRegistry.defaults().factory("vit"));
        assertEquals("Unknown MODEL.BACKBONE.type 'vit'; valid types: clip, clip_convnext,"
                + " clipav2, eva02, meta-clip, siglip, dinov2, sam, demo-cnn", e.getMessage());
    }

    @Test
    void everyUpstreamTypeLoadsTorchScriptFromItsOwnDirectory() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String type : UPSTREAM) {
                BackboneSpec spec = new BackboneSpec(type, "some-model", "", true, 8, false, tmp);
                BackboneException e = assertThrows(BackboneException.class,
                        () -> BackboneRegistry.defaults().create(spec, manager));
                assertTrue(e.getMessage().contains(
                        tmp.resolve(type + "/some-model/default/proj/model.pt").toString()),
                        e.getMessage());
            }
        }
    }

    @Test
    void torchScriptNeedsAModelDir() {
        BackboneSpec spec = new BackboneSpec("clip", "ViT-B-16", "", true, 512, false, null);
        try (NDManager manager = NDManager.newBaseManager()) {
            BackboneException e = assertThrows(BackboneException.class,
                    () -> BackboneRegistry.defaults().create(spec, manager));
            assertTrue(e.getMessage().startsWith("MODEL.BACKBONE.model_dir"), e.getMessage());
        }
    }
}
