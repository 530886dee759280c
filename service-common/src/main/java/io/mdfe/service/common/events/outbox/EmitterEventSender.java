package io.mdfe.service.common.events.outbox;

import io.mdfe.service.common.events.CloudEventAttributes;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends outbox events through a SmallRye Kafka channel as CloudEvents in binary content mode: the payload is the
 * protobuf envelope, the attributes travel as {@code ce_*} headers (written by the connector from
 * {@link OutgoingCloudEventMetadata}), the record key is the subject.
 */
public final class EmitterEventSender implements EventSender {

    private final Emitter<byte[]> emitter;

    /**
     * @param emitter the service's outgoing event channel (value serializer: bytes)
     */
    public EmitterEventSender(Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    @Override
    public CompletionStage<Void> send(OutboxEntry entry) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        OutgoingCloudEventMetadata<byte[]> cloudEvent = OutgoingCloudEventMetadata.<byte[]>builder()
                .withId(entry.id())
                .withType(entry.type())
                .withSource(URI.create(entry.source()))
                .withSubject(entry.subject())
                .withTimestamp(entry.time().atZone(ZoneOffset.UTC))
                .withDataContentType(CloudEventAttributes.CONTENT_TYPE)
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(entry.subject())
                .build();
        Message<byte[]> message = Message.of(entry.payload(), Metadata.of(cloudEvent, record), () -> {
            acknowledged.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acknowledged.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        });
        try {
            emitter.send(message);
        } catch (RuntimeException e) { // e.g. the emitter's buffer is full or the channel is closing
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}
