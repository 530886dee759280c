package io.mdfe.testing.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each read of a {@link TopicReader} returns from records a {@link TopicWriter} published. */
class TopicReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void readsFromTheStartOfTheTopicInOrder() throws Exception {
        publish("in-order", "a", "b");
        try (TopicReader<String> reader = reader("in-order")) {
            assertEquals(List.of(new TopicRecord<>("key-a", "a"), new TopicRecord<>("key-b", "b")),
                    reader.read(2, WAIT));
            publish("in-order", "c");
            assertEquals(List.of(new TopicRecord<>("key-c", "c")), reader.read(1, WAIT));
        }
    }

    @Test
    void readUntilStopsAtTheFirstMatchAndKeepsTheRestForTheNextRead() throws Exception {
        publish("until", "a", "stop", "b", "c");
        try (TopicReader<String> reader = reader("until")) {
            assertEquals(List.of("a", "stop"), reader.readUntil("stop"::equals, WAIT).stream()
                    .map(TopicRecord::value).toList());
            assertEquals(new TopicRecord<>("key-c", "c"), reader.readFirst("c"::equals, WAIT));
        }
    }

    @Test
    void missingRecordsFailTheTest() throws Exception {
        publish("missing", "a");
        try (TopicReader<String> reader = reader("missing")) {
            assertThrows(AssertionError.class, () -> reader.read(2, Duration.ofSeconds(3)));
            assertThrows(AssertionError.class, () -> reader.readUntil("z"::equals, Duration.ofSeconds(1)));
        }
    }

    private static void publish(String topic, String... values) throws Exception {
        try (TopicWriter writer = new TopicWriter(broker.bootstrapServers(), topic)) {
            for (String value : values) {
                writer.send("key-" + value, value.getBytes(UTF_8));
            }
        }
    }

    private static TopicReader<String> reader(String topic) {
        return new TopicReader<>(broker.bootstrapServers(), topic, bytes -> new String(bytes, UTF_8));
    }
}
