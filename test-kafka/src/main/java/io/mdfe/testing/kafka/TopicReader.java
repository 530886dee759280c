package io.mdfe.testing.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a service publishes to one topic, as a plain {@link KafkaConsumer} in another service would:
 * string keys, values decoded from bytes. It reads from the start of the topic, so records published before
 * it opened count too. Each read waits for its records up to a timeout and fails the test with an
 * {@link AssertionError} when they do not come.
 *
 * @param <V> the value type
 */
public final class TopicReader<V> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final ValueDecoder<V> decoder;
    private final KafkaConsumer<String, byte[]> consumer;
    // What a poll brought beyond what the read that made it returned; the next read starts with it.
    private final Deque<TopicRecord<V>> unread = new ArrayDeque<>();

    /**
     * Subscribes to {@code topic} in a consumer group of its own, so no other reader's commits move its start.
     *
     * @param bootstrapServers the broker, e.g. the value of {@link KafkaBrokerResource#BOOTSTRAP_SERVERS}
     * @param topic the topic to read
     * @param decoder turns a record's bytes into its value
     */
    public TopicReader(String bootstrapServers, String topic, ValueDecoder<V> decoder) {
        this.topic = topic;
        this.decoder = decoder;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "topic-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(topic));
    }

    /**
     * Exactly the next {@code count} records: all that have come, which must be {@code count}.
     *
     * @param count how many records to expect
     * @param timeout how long to wait for them
     * @return the records, in topic order
     * @throws IOException when a value does not decode
     * @throws AssertionError when fewer arrive in time, or more have come
     */
    public List<TopicRecord<V>> read(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unread.size() < count && System.nanoTime() < deadline) {
            poll();
        }
        if (unread.size() != count) {
            throw new AssertionError("expected " + count + " records on " + topic + " within " + timeout + ", got "
                    + unread.size());
        }
        List<TopicRecord<V>> records = new ArrayList<>(unread);
        unread.clear();
        return records;
    }

    /**
     * The next records up to and including the first whose value matches {@code last}.
     *
     * @param last which value ends the read
     * @param timeout how long to wait for it
     * @return the records, in topic order, the matching one last
     * @throws IOException when a value does not decode
     * @throws AssertionError when no matching record arrives in time
     */
    public List<TopicRecord<V>> readUntil(Predicate<? super V> last, Duration timeout) throws IOException {
        List<TopicRecord<V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            while (!unread.isEmpty()) {
                TopicRecord<V> record = unread.removeFirst();
                records.add(record);
                if (last.test(record.value())) {
                    return records;
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("no matching record on " + topic + " within " + timeout + "; got "
                        + records.size() + " other records");
            }
            poll();
        }
    }

    /**
     * The next record whose value matches, skipping the others (such as other tests' records on the topic).
     *
     * @param match which value to wait for
     * @param timeout how long to wait for it
     * @return the matching record
     * @throws IOException when a value does not decode
     * @throws AssertionError when no matching record arrives in time
     */
    public TopicRecord<V> readFirst(Predicate<? super V> match, Duration timeout) throws IOException {
        List<TopicRecord<V>> records = readUntil(match, timeout);
        return records.get(records.size() - 1);
    }

    /**
     * Waits {@code quiet} and fails when any record arrives meanwhile (e.g. a duplicate).
     *
     * @param quiet how long to watch
     * @throws IOException when a value does not decode
     * @throws AssertionError when a record arrives
     */
    public void assertNothingMore(Duration quiet) throws IOException {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (unread.isEmpty() && System.nanoTime() < deadline) {
            poll();
        }
        if (!unread.isEmpty()) {
            throw new AssertionError("expected no more records on " + topic + ", got " + unread.size() + ": "
                    + unread.peekFirst());
        }
    }

    private void poll() throws IOException {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null : new String(header.value(), UTF_8));
            }
            unread.addLast(new TopicRecord<>(record.key(), decoder.decode(record.value()), headers));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
