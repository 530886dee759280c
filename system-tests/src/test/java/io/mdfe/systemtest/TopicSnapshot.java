package io.mdfe.systemtest;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.mdfe.testing.kafka.TopicRecord;
import io.mdfe.testing.kafka.ValueDecoder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything one topic holds right now, from its first record to its end offsets, headers included: what the
 * tests count. Unlike {@link io.mdfe.testing.kafka.TopicReader} it needs no expected count, and it uses no consumer
 * group, so it never moves a service's offsets. A topic that does not exist yet holds nothing.
 */
final class TopicSnapshot {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private TopicSnapshot() {
    }

    /**
     * Reads a topic to its current end.
     *
     * @param bootstrapServers the broker
     * @param topic the topic
     * @param decoder the value decoder
     * @param <V> the value type
     * @return its records in partition then offset order
     * @throws IOException when a value does not decode
     */
    static <V> List<TopicRecord<V>> read(String bootstrapServers, String topic, ValueDecoder<V> decoder)
            throws IOException {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // reading must not create a topic the services have not written yet
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            List<TopicRecord<V>> records = new ArrayList<>();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end + " within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), header.value() == null ? null : new String(header.value(), UTF_8));
                    }
                    records.add(new TopicRecord<>(record.key(), decoder.decode(record.value()), headers));
                }
            }
            return records;
        }
    }

    /**
     * Polls a topic until {@code done} holds for its records.
     *
     * @param bootstrapServers the broker
     * @param topic the topic
     * @param decoder the value decoder
     * @param done when to stop
     * @param timeout how long to wait
     * @param <V> the value type
     * @return the records that satisfied {@code done}
     * @throws AssertionError naming the topic and what it held when {@code done} did not hold in time
     */
    static <V> List<TopicRecord<V>> await(String bootstrapServers, String topic, ValueDecoder<V> decoder,
                                          Predicate<List<TopicRecord<V>>> done, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<TopicRecord<V>> records = read(bootstrapServers, topic, decoder);
            if (done.test(records)) {
                return records;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout + " on " + topic + "; it holds " + records.size()
                        + " records: " + records);
            }
            Thread.sleep(500);
        }
    }
}
