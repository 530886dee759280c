package io.mdfe.service.common.events;

import io.mdfe.proto.events.DatasetEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Reads {@link DatasetEvent}s from Kafka. */
@RegisterForReflection
public class DatasetEventDeserializer extends ProtobufDeserializer<DatasetEvent> {

    /** Kafka creates it by class name. */
    public DatasetEventDeserializer() {
        super(DatasetEvent.parser());
    }
}
