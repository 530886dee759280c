package io.mdfe.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unknown keys and bad values fail with one line naming the key, the value, the source and what is allowed. */
class ConfigErrorsTest {

    private static ConfigException yamlError(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.fromYamlString(yaml, "x.yaml", List.of()));
    }

    private static ConfigException overrideError(String... overrides) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.fromYamlString("", "x.yaml", List.of(overrides)));
    }

    private static void assertOneLine(ConfigException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void unknownKeyInAFileNamesTheFileAndSuggests() {
        Path file = RepoPaths.resource("typo-key.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
        assertEquals("unknown key MODEL.HEAD.kk in " + file + " (did you mean MODEL.HEAD.k?)", e.getMessage());
        assertEquals("MODEL.HEAD.kk", e.key());
    }

    @Test
    void unknownKeyInAnOverrideSuggests() {
        ConfigException e = overrideError("TRAIN.save_epochs=[1,2]");
        assertEquals("unknown key TRAIN.save_epochs in override 'TRAIN.save_epochs=[1,2]' "
                + "(did you mean TRAIN.save_epoch?)", e.getMessage());
    }

    @Test
    void wrongCaseSectionSuggestsTheUpstreamSpelling() {
        ConfigException e = yamlError("model:\n  embedding_dim: 32\n");
        assertEquals("unknown key model in x.yaml (did you mean MODEL?)", e.getMessage());
    }

    @Test
    void farOffKeyHasNoSuggestion() {
        assertEquals("unknown key FOO in x.yaml", yamlError("FOO: 1\n").getMessage());
    }

    @Test
    void unknownNameListsAllowedNames() {
        ConfigException e = yamlError("MODEL:\n  HEAD:\n    name: ArcFase\n");
        assertEquals("MODEL.HEAD.name: unknown value 'ArcFase' in x.yaml; allowed: ArcFace, DynM-ArcFace, "
                + "AdaCos, LiArcFace, CurricularFace, AdaFace", e.getMessage());
        assertEquals("MODEL.HEAD.name", e.key());
        assertEquals("ArcFase", e.value());
    }

    @Test
    void multiLabelAndCheckpointEvaluationKeysAreChecked() {
        assertEquals("DATASET.multi_label: unknown value 'all' in x.yaml; allowed: error, skip, first",
                yamlError("DATASET:\n  multi_label: all\n").getMessage());
        assertEquals("TRAIN.eval_metric: unknown value 'manhattan' in override 'TRAIN.eval_metric=manhattan'; "
                + "allowed: euclidean, angular, cosine, dot", overrideError("TRAIN.eval_metric=manhattan").getMessage());
        assertEquals("TRAIN.eval_protocol: unknown value 'both' in x.yaml; allowed: merged, separate",
                yamlError("TRAIN:\n  eval_protocol: both\n").getMessage());
        MdfeConfig c = ConfigLoader.fromYamlString("DATASET:\n  multi_label: first\nTRAIN:\n  eval_metric: cosine\n"
                + "  eval_protocol: separate\n", "x.yaml", List.of());
        assertEquals("first", c.dataset().multiLabel());
        assertEquals("cosine", c.train().evalMetric());
        assertEquals("separate", c.train().evalProtocol());
    }

    @Test
    void nonIntegerForAnIntKey() {
        ConfigException e = overrideError("DATALOADER.batch_size=abc");
        assertEquals("DATALOADER.batch_size: bad value 'abc' in override 'DATALOADER.batch_size=abc'; "
                + "allowed: an integer with value >= 1", e.getMessage());
        assertEquals("abc", e.value());
        assertEquals("DATALOADER.batch_size: bad value '1.5' in x.yaml; allowed: an integer with value >= 1",
                yamlError("DATALOADER:\n  batch_size: 1.5\n").getMessage());
    }

    @Test
    void outOfRangeValues() {
        assertEquals("DATALOADER.batch_size: bad value '0' in x.yaml; allowed: value >= 1",
                yamlError("DATALOADER:\n  batch_size: 0\n").getMessage());
        assertEquals("MODEL.NECK.dropout: bad value '1.0' in override 'MODEL.NECK.dropout=1.0'; "
                + "allowed: 0 <= value < 1", overrideError("MODEL.NECK.dropout=1.0").getMessage());
        assertEquals("OPTIMIZER.lr: bad value '0' in x.yaml; allowed: value > 0",
                yamlError("OPTIMIZER:\n  lr: 0\n").getMessage());
        assertEquals("MODEL.HEAD.k: bad value '0' in override 'MODEL.HEAD.k=0'; allowed: value >= 1",
                overrideError("MODEL.HEAD.k=0").getMessage());
        assertEquals("TRAIN.save_epoch: bad value '[1, 0]' in x.yaml; allowed: value >= 1",
                yamlError("TRAIN:\n  save_epoch: [1, 0]\n").getMessage());
    }

    @Test
    void wrongTypes() {
        assertEquals("MODEL.BACKBONE.freeze_backbone: bad value '1' in x.yaml; allowed: True or False",
                yamlError("MODEL:\n  BACKBONE:\n    freeze_backbone: 1\n").getMessage());
        assertEquals("TRAIN.gpu_ids: bad value '[0, a]' in override 'TRAIN.gpu_ids=[0, a]'; "
                + "allowed: a list of integers, e.g. [1, 5] with value >= 0",
                overrideError("TRAIN.gpu_ids=[0, a]").getMessage());
        assertEquals("TRANSFORM.mean: bad value '[0.5, 0.5]' in x.yaml; allowed: 0 or 3 elements",
                yamlError("TRANSFORM:\n  mean: [0.5, 0.5]\n  std: [0.5, 0.5]\n").getMessage());
        assertEquals("MODEL.BACKBONE.weights: bad value 'false' in x.yaml; "
                + "allowed: a string (quote it if YAML reads it as a number or boolean)",
                yamlError("MODEL:\n  BACKBONE:\n    weights: no\n").getMessage());
        assertEquals("TRAIN.device: bad value 'gpu0' in x.yaml; allowed: cpu, cuda or cuda:N",
                yamlError("TRAIN:\n  device: gpu0\n").getMessage());
    }

    @Test
    void noneOnlyForOptionalKeys() {
        assertEquals("TRAIN.epochs: bad value 'None' in x.yaml; allowed: an integer with value >= 1",
                yamlError("TRAIN:\n  epochs: None\n").getMessage());
    }

    @Test
    void sectionsAndKeysAreNotInterchangeable() {
        assertEquals("MODEL.HEAD in x.yaml is a section; expected a mapping of its keys, not 'ArcFace'",
                yamlError("MODEL:\n  HEAD: ArcFace\n").getMessage());
        assertEquals("MODEL.HEAD.k: bad value '{x=1}' in x.yaml; allowed: an integer with value >= 1",
                yamlError("MODEL:\n  HEAD:\n    k: {x: 1}\n").getMessage());
        assertEquals("MODEL.HEAD in override 'MODEL.HEAD=3' is a section; override one of its keys",
                overrideError("MODEL.HEAD=3").getMessage());
    }

    @Test
    void malformedInput() {
        assertEquals("override 'MODEL.HEAD.k': expected KEY=VALUE, e.g. MODEL.HEAD.k=3",
                overrideError("MODEL.HEAD.k").getMessage());
        ConfigException duplicate = yamlError("SEED: 1\nSEED: 2\n");
        assertOneLine(duplicate);
        assertEquals("x.yaml: invalid YAML at line 2, column 1: found duplicate key SEED", duplicate.getMessage());
        ConfigException broken = yamlError("MODEL:\n  HEAD: [1,\n");
        assertOneLine(broken);
        assertEquals(true, broken.getMessage().startsWith("x.yaml: invalid YAML at line"), broken.getMessage());
        assertEquals("x.yaml: expected a mapping of sections (SEED, MODEL, ...) at the top level",
                yamlError("- 1\n- 2\n").getMessage());
        Path missing = Path.of("no/such/config.yaml");
        assertEquals("no/such/config.yaml: config file not found",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, List.of())).getMessage());
    }

    @Test
    void crossFieldChecks() {
        assertEquals("TRANSFORM.std: bad value '[]' in x.yaml; allowed: 3 values, because TRANSFORM.mean is "
                + "given (or leave both empty)", yamlError("TRANSFORM:\n  mean: [0.5, 0.5, 0.5]\n").getMessage());
        assertEquals("MODEL.HEAD.m_min: bad value '0.45' in x.yaml with overrides [MODEL.HEAD.m_max=0.4, "
                + "MODEL.HEAD.m_min=0.45]; allowed: <= MODEL.HEAD.m_max (0.4)",
                overrideError("MODEL.HEAD.m_max=0.4", "MODEL.HEAD.m_min=0.45").getMessage());
        assertEquals("MODEL.embedding_dim: bad value '2048' in x.yaml with overrides [MODEL.NECK.neck_type=pooling, "
                + "MODEL.embedding_dim=2048]; allowed: <= MODEL.BACKBONE.output_dim (1152) with the pooling neck",
                overrideError("MODEL.NECK.neck_type=pooling", "MODEL.embedding_dim=2048").getMessage());
        assertEquals("TRAIN.data_parallel", overrideError("TRAIN.data_parallel=True", "TRAIN.device=cpu").key());
        assertEquals("SCHEDULER.warmup_steps", overrideError("SCHEDULER.warmup_steps=0").key());
        assertEquals("TRAIN.iterations: bad value '0' in x.yaml with overrides [TRAIN.epoch_based=False]; "
                + "allowed: value >= 1 when TRAIN.epoch_based is False",
                overrideError("TRAIN.epoch_based=False").getMessage());
        assertEquals("SCHEDULER.min_lr", overrideError("OPTIMIZER.lr=1e-4").key());
        // The same values are fine when the rule's condition does not hold.
        ConfigLoader.fromYamlString("", "x.yaml", List.of("SCHEDULER.warmup=none", "SCHEDULER.warmup_steps=0",
                "SCHEDULER.name=none", "OPTIMIZER.lr=1e-4"));
        // data parallel on a GPU with no TRAIN.gpu_ids: over all visible GPUs
        assertTrue(ConfigLoader.fromYamlString("", "x.yaml", List.of("TRAIN.data_parallel=True", "TRAIN.device=cuda:0",
                "TRAIN.gpu_ids=[]")).train().dataParallel());
    }
}
