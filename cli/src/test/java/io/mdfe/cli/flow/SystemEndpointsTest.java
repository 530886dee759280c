package io.mdfe.cli.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemEndpointsTest {

    @TempDir
    Path tmp;

    @Test
    void readsHostPortsAndKafkaAndDefaultsTheRest() throws Exception {
        Path file = tmp.resolve("system.yaml");
        Files.writeString(file, "host: 10.0.0.5\nkafka: {port: 19092, bootstrap: \"\"}\n"
                + "services: {data: {port: 9081}, eval: {port: 9085}}\nfolders: {home: .mdfe}\n");
        SystemEndpoints e = SystemEndpoints.load(file);
        assertEquals("10.0.0.5:9081", e.target("data"));
        assertEquals("10.0.0.5:8082", e.target("trainer"));
        assertEquals("10.0.0.5:9085", e.target("eval"));
        assertEquals("10.0.0.5:19092", e.kafkaBootstrap());

        Files.writeString(file, "kafka: {port: 19092, bootstrap: \"broker-1:9093\"}\n");
        assertEquals("broker-1:9093", SystemEndpoints.load(file).kafkaBootstrap(), "bootstrap wins over port");
        assertEquals(SystemEndpoints.defaults(), SystemEndpoints.load(tmp.resolve("missing.yaml")));
    }

    @Test
    void aBadValueNamesTheFileAndKey() throws Exception {
        Path file = tmp.resolve("system.yaml");
        Files.writeString(file, "services: {trainer: {port: 70000}}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SystemEndpoints.load(file));
        assertTrue(e.getMessage().contains("services.trainer.port") && e.getMessage().contains(file.toString()),
                e.getMessage());
    }
}
