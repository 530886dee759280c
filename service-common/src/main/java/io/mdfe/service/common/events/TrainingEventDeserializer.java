package io.mdfe.service.common.events;

import io.mdfe.proto.events.TrainingEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Reads {@link TrainingEvent}s from Kafka. */
@RegisterForReflection
public class TrainingEventDeserializer extends ProtobufDeserializer<TrainingEvent> {

    /** Kafka creates it by class name. */
    public TrainingEventDeserializer() {
        super(TrainingEvent.parser());
    }
}
