package io.mdfe.testing.kafka;

/**
 * One record a {@link TopicReader} read.
 *
 * @param key the record key
 * @param value the decoded value
 * @param <V> the value type
 */
public record TopicRecord<V>(String key, V value) {
}
