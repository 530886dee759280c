package io.mdfe.service.common.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for protobuf messages of one type. Kafka instantiates deserializers by
 * class name, so each event envelope has a one-line subclass naming its parser.
 *
 * @param <T> the message type
 */
public abstract class ProtobufDeserializer<T> implements Deserializer<T> {

    private final Parser<T> parser;

    /** @param parser the message type's parser, e.g. {@code TrainingEvent.parser()} */
    protected ProtobufDeserializer(Parser<T> parser) {
        this.parser = parser;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return parser.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new SerializationException("topic " + topic + ": not a valid " + getClass().getSimpleName()
                    .replace("Deserializer", "") + " (" + data.length + " bytes): " + e.getMessage(), e);
        }
    }
}
