package io.mdfe.testing.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker accepts a produced record, a consumer group reads it back, and closing stops the port. */
class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "harness-test";

    @Test
    void producedRecordIsConsumedThenBrokerStops() throws Exception {
        String bootstrap;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            bootstrap = broker.bootstrapServers();
            try (TopicWriter writer = new TopicWriter(bootstrap, TOPIC)) {
                writer.send("k", "hello".getBytes(UTF_8));
            }
            try (TopicReader<String> reader = new TopicReader<>(bootstrap, TOPIC, bytes -> new String(bytes, UTF_8))) {
                assertEquals(List.of(new TopicRecord<>("k", "hello")), reader.read(1, Duration.ofSeconds(30)));
            }
        }
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        try (java.net.ServerSocket rebound = new java.net.ServerSocket(port)) {
            assertTrue(rebound.isBound(), "the broker released its port");
        }
    }
}
