package io.mdfe.cli.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.config.schema.ConfigReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configs/system.yaml part of the committed configs/README.md is exactly what {@link SystemReference}
 * generates, and the committed configs/system.yaml is valid. Regenerate with -Dmdfe.regenerate=true.
 */
class SystemReferenceTest {

    private static final Path CONFIGS = Path.of("").toAbsolutePath().getParent().resolve("configs");

    @Test
    void committedReadmePartMatchesTheSchema() throws IOException {
        Path readme = CONFIGS.resolve("README.md");
        String committed = Files.readString(readme, StandardCharsets.UTF_8);
        int part = committed.indexOf(ConfigReference.PART_MARKER);
        String generated = SystemReference.markdown();
        if (Boolean.getBoolean("mdfe.regenerate")) {
            committed = (part < 0 ? committed : committed.substring(0, part)) + generated;
            Files.writeString(readme, committed, StandardCharsets.UTF_8);
            part = committed.indexOf(ConfigReference.PART_MARKER);
        }
        assertTrue(part >= 0, "configs/README.md has no configs/system.yaml part; regenerate it (see SystemReference)");
        assertEquals(generated, committed.substring(part), "configs/README.md's system.yaml part differs from SystemSchema");
    }

    @Test
    void everyKeyIsDocumented() {
        String generated = SystemReference.markdown();
        for (var key : SystemSchema.schema().keys()) {
            assertTrue(generated.contains("| `" + key.path() + "` | " + key.type().shortName() + " | "), key.path());
        }
    }

    @Test
    void committedSystemYamlHasTheDefaults() {
        Path workingDir = Path.of("/work");
        SystemSettings committed = SystemSettings.load(CONFIGS.resolve("system.yaml"), workingDir);
        SystemSettings defaults = SystemSettings.fromYaml("", "defaults", workingDir);
        assertEquals(defaults.services(), committed.services());
        assertEquals(defaults.kafka(), committed.kafka());
        assertEquals(defaults.jvmOptions(), committed.jvmOptions());
        assertEquals(defaults.folders(), committed.folders());
    }
}
