package io.mdfe.testing.kafka;

import java.io.IOException;

/**
 * Turns a record's bytes into the value a test reads, such as a protobuf message's {@code parseFrom}.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface ValueDecoder<V> {

    /**
     * @param value the record's bytes
     * @return the value
     * @throws IOException when the bytes are not a valid value
     */
    V decode(byte[] value) throws IOException;
}
