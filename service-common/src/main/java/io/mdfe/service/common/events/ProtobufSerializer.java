package io.mdfe.service.common.events;

import com.google.protobuf.MessageLite;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for protobuf messages: the record value is {@code message.toByteArray()}. */
@RegisterForReflection
public class ProtobufSerializer implements Serializer<MessageLite> {

    @Override
    public byte[] serialize(String topic, MessageLite message) {
        return message == null ? null : message.toByteArray();
    }
}
