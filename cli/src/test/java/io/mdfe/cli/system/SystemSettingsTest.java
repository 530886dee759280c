package io.mdfe.cli.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading configs/system.yaml: defaults, nesting, and one-line errors naming the key. */
class SystemSettingsTest {

    private static final Path WORK = Path.of("/work/dir");

    @Test
    void defaultsArePortsFrom8081AndAHomeBelowTheWorkingDirectory() {
        SystemSettings settings = SystemSettings.fromYaml("", "test", WORK);
        assertEquals("127.0.0.1", settings.host());
        assertEquals(9092, settings.kafka().port());
        assertFalse(settings.kafka().external());
        assertEquals(List.of(8081, 8082, 8083, 8084, 8085),
                List.of(ServiceName.values()).stream().map(s -> settings.service(s).port()).toList());
        assertEquals(Path.of("/work/dir/.mdfe"), settings.folders().home());
        assertEquals(Path.of("/work/dir/.mdfe/state/eval"), settings.folders().state(ServiceName.EVAL));
        assertEquals("127.0.0.1:9092", settings.bootstrapServers());
    }

    @Test
    void nestedKeysOverrideTheirDefaultsOnly() {
        SystemSettings settings = SystemSettings.fromYaml("""
                kafka: {bootstrap: "broker:9093"}
                services: {index: {port: 9000, jvm: {options: [-Xmx3g]}}}
                folders: {home: /srv/mdfe}
                """, "test", WORK);
        assertTrue(settings.kafka().external());
        assertEquals("broker:9093", settings.bootstrapServers());
        assertEquals(new ServiceSettings(9000, List.of("-Xmx3g")), settings.service(ServiceName.INDEX));
        assertEquals(8081, settings.service(ServiceName.DATA).port());
        assertEquals(Path.of("/srv/mdfe"), settings.folders().home());
    }

    @Test
    void unknownKeyIsOneLineNamingItWithASuggestion() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SystemSettings.fromYaml("services: {trainer: {prot: 1}}", "system.yaml", WORK));
        assertEquals("services.trainer.prot", e.key());
        assertTrue(e.getMessage().contains("did you mean services.trainer.port"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void badValuesNameTheKeyAndWhatIsAllowed() {
        ConfigException port = assertThrows(ConfigException.class,
                () -> SystemSettings.fromYaml("kafka: {port: 70000}", "system.yaml", WORK));
        assertEquals("kafka.port", port.key());
        ConfigException text = assertThrows(ConfigException.class,
                () -> SystemSettings.fromYaml("services: {data: {port: eighty}}", "system.yaml", WORK));
        assertEquals("services.data.port", text.key());
        ConfigException options = assertThrows(ConfigException.class,
                () -> SystemSettings.fromYaml("jvm: {options: [1, 2]}", "system.yaml", WORK));
        assertEquals("jvm.options", options.key());
    }

    @Test
    void twoProcessesOnOnePortAreRejectedNamingBothKeys() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SystemSettings.fromYaml("services: {eval: {port: 9092}}", "system.yaml", WORK));
        assertEquals("services.eval.port", e.key());
        assertTrue(e.getMessage().contains("kafka.port"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SystemSettings.load(Path.of("/nonexistent/system.yaml"), WORK));
        assertTrue(e.getMessage().startsWith("/nonexistent/system.yaml: "), e.getMessage());
    }
}
