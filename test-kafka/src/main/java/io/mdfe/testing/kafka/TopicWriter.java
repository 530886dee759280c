package io.mdfe.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes records to one topic, as a plain {@link KafkaProducer} in another service would: string keys,
 * byte values. Each send waits for the broker's acknowledgement, so the service under test can see the
 * record once {@link #send} returns.
 */
public final class TopicWriter implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    /**
     * @param bootstrapServers the broker, e.g. the value of {@link KafkaBrokerResource#BOOTSTRAP_SERVERS}
     * @param topic the topic to write
     */
    public TopicWriter(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    /**
     * Publishes one record and waits up to 30 s for the broker to acknowledge it.
     *
     * @param key the record key
     * @param value the record value
     * @throws ExecutionException when the broker refuses the record
     * @throws TimeoutException when it does not acknowledge in time
     * @throws InterruptedException when interrupted while waiting
     */
    public void send(String key, byte[] value) throws ExecutionException, TimeoutException, InterruptedException {
        send(key, value, Map.of());
    }

    /**
     * Publishes one record with headers (e.g. CloudEvents {@code ce_*} attributes) and waits up to 30 s for the
     * broker to acknowledge it.
     *
     * @param key the record key
     * @param value the record value
     * @param headers header names and their UTF-8 values
     * @throws ExecutionException when the broker refuses the record
     * @throws TimeoutException when it does not acknowledge in time
     * @throws InterruptedException when interrupted while waiting
     */
    public void send(String key, byte[] value, Map<String, String> headers)
            throws ExecutionException, TimeoutException, InterruptedException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
