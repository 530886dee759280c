package io.mdfe.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.config.schema.ConfigKey;
import io.mdfe.core.config.schema.ConfigReference;
import io.mdfe.core.config.schema.ConfigSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed configs/README.md is exactly what the schema generates. The method that
 * regenerates it lives here, beside the check: run this test with -Dmdfe.regenerate=true.
 */
class ConfigReferenceTest {

    private static final String REGENERATE =
            "mvn -B -q -pl core test -Dtest=ConfigReferenceTest -Dmdfe.regenerate=true";

    @Test
    void committedReadmeMatchesTheSchema() throws IOException {
        Path readme = RepoPaths.configsDir().resolve("README.md");
        String generated = ConfigReference.markdown(ConfigSchema.mdfe2());
        assertTrue(Files.exists(readme), "configs/README.md is missing; generate it with: " + REGENERATE);
        // The MDFE2 keys come first; further parts (configs/system.yaml, from the cli) are checked by their tests.
        String committed = Files.readString(readme, StandardCharsets.UTF_8);
        int otherParts = committed.indexOf(ConfigReference.PART_MARKER);
        String mdfe2Part = otherParts < 0 ? committed : committed.substring(0, otherParts);
        if (Boolean.getBoolean("mdfe.regenerate")) {
            Files.writeString(readme, generated + committed.substring(mdfe2Part.length()), StandardCharsets.UTF_8);
            mdfe2Part = generated;
        }
        assertEquals(generated, mdfe2Part,
                "configs/README.md differs from the schema; regenerate it with: " + REGENERATE);
    }

    @Test
    void readmeDocumentsEveryKeyWithItsDefault() {
        String generated = ConfigReference.markdown(ConfigSchema.mdfe2());
        for (ConfigKey key : ConfigSchema.mdfe2().keys()) {
            assertTrue(generated.contains("| `" + key.path() + "` | " + key.type().shortName() + " | "),
                    key.path());
        }
        assertTrue(generated.contains("| `TRAIN.save_epoch` | list[int] | `[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]` |"),
                generated);
        assertTrue(generated.contains("| `MODEL.HEAD.dynamic_s` | bool | `True` |"), generated);
    }
}
