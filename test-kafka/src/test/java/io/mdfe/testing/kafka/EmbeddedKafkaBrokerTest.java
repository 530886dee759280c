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

    @Test
    void restartedBrokerKeepsItsRecordsAndPort() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            try (TopicWriter writer = new TopicWriter(bootstrap, TOPIC)) {
                writer.send("k", "before".getBytes(UTF_8), java.util.Map.of("ce_id", "1"));
            }
            broker.stop();
            broker.restart();
            assertEquals(bootstrap, broker.bootstrapServers());
            try (TopicWriter writer = new TopicWriter(bootstrap, TOPIC);
                 TopicReader<String> reader = new TopicReader<>(bootstrap, TOPIC, bytes -> new String(bytes, UTF_8))) {
                writer.send("k", "after".getBytes(UTF_8));
                List<TopicRecord<String>> records = reader.read(2, Duration.ofSeconds(30));
                assertEquals(List.of("before", "after"), records.stream().map(TopicRecord::value).toList());
                assertEquals("1", records.get(0).headers().get("ce_id"));
            }
        }
    }
}
