package io.mdfe.cli.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdfe.testing.kafka.EmbeddedKafkaBroker;
import io.mdfe.testing.kafka.TopicWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tail on a real (in-process KRaft) broker, with topics that appear while it runs. */
class EventTailTest {

    @Test
    void followsNewEventsOnceEachAlsoOnTopicsCreatedLater() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             TopicWriter a = new TopicWriter(broker.bootstrapServers(), "topic-a")) {
            a.send("k", new byte[] {1});
            List<String> seen = new CopyOnWriteArrayList<>();
            try (EventTail tail = new EventTail(broker.bootstrapServers(), List.of("topic-a", "topic-b"), false,
                    Duration.ofSeconds(30));
                 TopicWriter b = new TopicWriter(broker.bootstrapServers(), "topic-b")) {
                a.send("k", new byte[] {2});
                AtomicInteger polls = new AtomicInteger();
                tail.run((topic, key, value, time) -> {
                    seen.add(topic + ":" + value[0]);
                    if (seen.size() == 1) {
                        try {
                            b.send("k", new byte[] {3}); // topic-b is created now, after the tail started
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, () -> polls.incrementAndGet() > 40 || seen.size() >= 2 && polls.get() > seen.size() + 10,
                        Duration.ofMillis(200));
            }
            assertEquals(List.of("topic-a:2", "topic-b:3"), seen, "new events only, each once");
        }
    }
}
