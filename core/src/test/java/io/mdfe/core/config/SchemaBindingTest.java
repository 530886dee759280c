package io.mdfe.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.config.binding.RecordBinder;
import io.mdfe.core.config.schema.ConfigKey;
import io.mdfe.core.config.schema.ConfigSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed records and the schema describe the same keys, with the same types. */
class SchemaBindingTest {

    private final ConfigSchema schema = ConfigSchema.mdfe2();

    @Test
    void recordsBindExactlyTheSchemaKeysInSchemaOrder() {
        List<String> schemaPaths = schema.keys().stream().map(ConfigKey::path).toList();
        assertEquals(schemaPaths, RecordBinder.paths(MdfeConfig.class, MdfeConfig.CONTEXT_TYPES));
    }

    @Test
    void namingConventionFollowsYacs() {
        List<String> paths = RecordBinder.paths(MdfeConfig.class, MdfeConfig.CONTEXT_TYPES);
        assertTrue(paths.containsAll(List.of("SEED", "MODEL.embedding_dim", "MODEL.BACKBONE.model_dir",
                "MODEL.HEAD.t_alpha", "TRAIN.seen_img_save", "SCHEDULER.min_lr")), paths.toString());
    }

    @Test
    void aValueOfTheWrongJavaTypeIsAProgrammingError() {
        Map<String, Object> values = new HashMap<>(schema.defaults());
        values.put("MODEL.HEAD.k", 3.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RecordBinder.bind(
                MdfeConfig.class, values, Map.of(ConfigSource.class, new ConfigSource("t", List.of()))));
        assertTrue(e.getMessage().contains("MODEL.HEAD.k") && e.getMessage().contains("HeadConfig.k"), e.getMessage());
    }

    @Test
    void everyKeyHasADescriptionAndSections() {
        for (ConfigKey key : schema.keys()) {
            assertTrue(key.description().length() > 5, key.path());
        }
        assertTrue(schema.isSection("MODEL.HEAD"));
        assertTrue(schema.find("MODEL.HEAD").isEmpty());
    }
}
