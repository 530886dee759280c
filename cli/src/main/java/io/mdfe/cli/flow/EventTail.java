package io.mdfe.cli.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the event topics without a consumer group (partitions assigned by hand, nothing committed), so watching
 * never moves any service's offsets. A topic that does not exist yet is picked up from its beginning as soon as
 * it appears: everything on it is newer than the tail.
 */
public final class EventTail implements AutoCloseable {

    /** Receives each record. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param topic the record's topic
         * @param key its key, or null
         * @param value its payload
         * @param time the broker's record time
         */
        void accept(String topic, String key, byte[] value, Instant time);
    }

    /** How long a look-up of topics that did not exist yet may take. */
    private static final Duration TOPIC_LOOKUP = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Set<String> assignedTopics = new HashSet<>();
    private final Map<TopicPartition, Long> endAtStart = new HashMap<>();

    /**
     * Connects and positions the tail: at the topics' beginning, or at their current end (only new events).
     *
     * @param bootstrap the Kafka bootstrap servers
     * @param topics the topics
     * @param fromBeginning true to read what the topics hold, false for new events only
     * @param timeout how long to wait for the broker
     * @throws IllegalStateException naming the broker when it does not answer in time
     */
    public EventTail(String bootstrap, List<String> topics, boolean fromBeginning, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "mdfe-cli-events");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = List.copyOf(topics);
        try {
            List<TopicPartition> partitions = assignNew(timeout);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            // Resolves the positions now, so events published after this constructor are never missed.
            partitions.forEach(consumer::position);
            endAtStart.putAll(consumer.endOffsets(partitions));
        } catch (TimeoutException e) {
            consumer.close(Duration.ZERO);
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds()
                    + " s; is the system up (mdfe up)?", e);
        }
    }

    /** Assigns the partitions of topics that exist now and were not assigned yet; returns the new ones. */
    private List<TopicPartition> assignNew(Duration timeout) {
        List<TopicPartition> added = new ArrayList<>();
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(timeout);
        for (String topic : topics) {
            if (!assignedTopics.contains(topic) && existing.containsKey(topic)) {
                existing.get(topic).forEach(p -> added.add(new TopicPartition(topic, p.partition())));
                assignedTopics.add(topic);
            }
        }
        if (!added.isEmpty()) {
            List<TopicPartition> all = new ArrayList<>(consumer.assignment());
            all.addAll(added);
            consumer.assign(all);
        }
        return added;
    }

    /**
     * Delivers records until {@code stop} says so, checked at least every {@code pollTime}.
     *
     * @param sink receives each record
     * @param stop polled between batches
     * @param pollTime the longest wait for new records
     */
    public void run(Sink sink, BooleanSupplier stop, Duration pollTime) {
        while (!stop.getAsBoolean()) {
            pollOnce(sink, pollTime);
        }
    }

    /**
     * Delivers what the topics held when the tail was made, then returns.
     *
     * @param sink receives each record
     */
    public void drain(Sink sink) {
        while (endAtStart.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            pollOnce(sink, Duration.ofMillis(500));
        }
    }

    private void pollOnce(Sink sink, Duration pollTime) {
        if (assignedTopics.size() < topics.size()) {
            try {
                List<TopicPartition> added = assignNew(TOPIC_LOOKUP);
                if (!added.isEmpty()) {
                    // Never with an empty list: Kafka then seeks every assigned partition.
                    consumer.seekToBeginning(added);
                }
            } catch (TimeoutException e) {
                // The broker is slow or away for a moment: the missing topics are looked up again next time.
            }
        }
        if (consumer.assignment().isEmpty()) {
            sleep(pollTime);
            return;
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(pollTime)) {
            sink.accept(r.topic(), r.key(), r.value() == null ? new byte[0] : r.value(),
                    Instant.ofEpochMilli(r.timestamp()));
        }
    }

    private static void sleep(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
