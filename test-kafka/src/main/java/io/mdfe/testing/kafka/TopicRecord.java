package io.mdfe.testing.kafka;

import java.util.Map;

/**
 * One record a {@link TopicReader} read.
 *
 * @param key the record key
 * @param value the decoded value
 * @param headers the record's headers as UTF-8 text (the last value of each name)
 * @param <V> the value type
 */
public record TopicRecord<V>(String key, V value, Map<String, String> headers) {

    /**
     * A record without headers.
     *
     * @param key the record key
     * @param value the decoded value
     */
    public TopicRecord(String key, V value) {
        this(key, value, Map.of());
    }
}
