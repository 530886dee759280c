package io.mdfe.kafka.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker stopped and started again on the same data folder is the same cluster and still has its records. */
class KafkaBrokerRestartTest {

    private static final String TOPIC = "restart-test";

    @Test
    void recordsAndClusterIdSurviveARestart(@TempDir Path data) throws Exception {
        String clusterId;
        try (KafkaBroker broker = KafkaBroker.start(data, "127.0.0.1", 0)) {
            clusterId = broker.clusterId();
            assertFalse(clusterId.isBlank());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "before restart")).get();
            }
        }
        try (KafkaBroker broker = KafkaBroker.start(data, "127.0.0.1", 0)) {
            assertEquals(clusterId, broker.clusterId());
            assertEquals(List.of("k=before restart"), readAll(broker.bootstrapServers(), 1));
        }
    }

    private static List<String> readAll(String bootstrap, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "restart-test-reader", "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }
}
