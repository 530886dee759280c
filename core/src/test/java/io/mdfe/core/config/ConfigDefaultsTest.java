package io.mdfe.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The defaults equal the upstream key list (upstream-mdfe2.md, "Configuration"), key by key. */
class ConfigDefaultsTest {

    private final MdfeConfig config = ConfigLoader.defaults();

    @Test
    void seedAndModel() {
        assertEquals(42, config.seed());
        assertEquals(64, config.model().embeddingDim());
        assertEquals("", config.model().name());
        assertEquals("results", config.model().outputDir());
    }

    @Test
    void backbone() {
        BackboneConfig b = config.model().backbone();
        assertEquals(1152, b.outputDim());
        assertTrue(b.freezeBackbone());
        assertEquals("siglip", b.type());
        assertEquals("", b.networkArch());
        assertEquals("vit_so400m_patch14_siglip_384", b.modelName());
        assertEquals("", b.weights());
        assertFalse(b.projLayer());
        assertEquals("", b.modelDir());
    }

    @Test
    void neckAndHead() {
        assertEquals("proj_layer", config.model().neck().neckType());
        assertEquals(0.2, config.model().neck().dropout());
        HeadConfig h = config.model().head();
        assertEquals("ArcFace", h.name());
        assertEquals(1, h.k());
        assertEquals(30.0, h.s());
        assertTrue(h.dynamicS());
        assertEquals(0.5, h.m());
        assertEquals(0.5, h.mMax());
        assertEquals(0.2, h.mMin());
        assertEquals(0.333, h.h());
        assertEquals(1.0, h.tAlpha());
    }

    @Test
    void datasetLoaderTransform() {
        assertEquals(List.of("m4d-35k"), config.dataset().names());
        assertEquals("", config.dataset().root());
        assertEquals("", config.dataset().clsDistFile());
        assertEquals(128, config.dataloader().batchSize());
        assertEquals(8, config.dataloader().numWorkers());
        assertEquals("openai-clip", config.transform().name());
        assertEquals(384, config.transform().size());
        assertEquals(List.of(), config.transform().mean());
        assertEquals(List.of(), config.transform().std());
    }

    @Test
    void train() {
        TrainConfig t = config.train();
        assertTrue(t.epochBased());
        assertEquals(10, t.epochs());
        assertEquals(0, t.iterations());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), t.saveEpoch());
        assertEquals(0, t.saveIter());
        assertEquals(320000, t.seenImgSave());
        assertEquals(500, t.printFreq());
        assertEquals("cuda:0", t.device());
        assertEquals(List.of(0, 1), t.gpuIds());
        assertFalse(t.dataParallel());
    }

    @Test
    void lossOptimizerScheduler() {
        assertEquals("CrossEntropyLoss", config.loss().name());
        assertEquals("Adam", config.optimizer().name());
        assertEquals(2e-3, config.optimizer().lr());
        assertEquals(1e-4, config.optimizer().weightDecay());
        assertEquals(0.9, config.optimizer().momentum());
        SchedulerConfig s = config.scheduler();
        assertFalse(s.epochBased());
        assertEquals("cosine", s.name());
        assertEquals("linear", s.warmup());
        assertEquals(1, s.warmupSteps());
        assertEquals(160000, s.seenImgWarmup());
        assertEquals(1e-3, s.minLr());
    }

    @Test
    void toStringListsEveryValue() {
        String text = config.toString();
        for (Object value : config.values().values()) {
            assertTrue(text.contains(String.valueOf(value)), () -> "toString lacks " + value + ": " + text);
        }
        assertTrue(text.contains("vit_so400m_patch14_siglip_384") && text.contains("seenImgWarmup=160000"), text);
    }
}
