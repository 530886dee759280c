package io.mdfe.service.common.events;

import io.mdfe.proto.events.EvaluationEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Reads {@link EvaluationEvent}s from Kafka. */
@RegisterForReflection
public class EvaluationEventDeserializer extends ProtobufDeserializer<EvaluationEvent> {

    /** Kafka creates it by class name. */
    public EvaluationEventDeserializer() {
        super(EvaluationEvent.parser());
    }
}
