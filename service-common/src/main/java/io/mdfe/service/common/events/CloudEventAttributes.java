package io.mdfe.service.common.events;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.util.Locale;

/**
 * The CloudEvents {@code type} of an event envelope: {@code io.mdfe.<family>.<Kind>.v1}, where the family comes
 * from the envelope ({@code TrainingEvent} -> {@code training}) and the kind is the message type of the envelope's
 * set {@code kind} field, e.g. {@code io.mdfe.training.CheckpointSaved.v1}. The contract is written down in
 * {@code proto/README.md}.
 */
public final class CloudEventAttributes {

    /** The CloudEvents spec version every event carries ({@code ce_specversion}). */
    public static final String SPEC_VERSION = "1.0";
    /** The {@code datacontenttype} of every payload: a serialized protobuf envelope. */
    public static final String CONTENT_TYPE = "application/protobuf";

    private CloudEventAttributes() {
    }

    /**
     * The CloudEvents type of an envelope.
     *
     * @param envelope a DatasetEvent, TrainingEvent or EvaluationEvent with its kind set
     * @return e.g. {@code io.mdfe.dataset.DatasetRegistered.v1}
     * @throws IllegalArgumentException when the envelope has no oneof or no kind set
     */
    public static String typeOf(Message envelope) {
        String name = envelope.getDescriptorForType().getName();
        if (envelope.getDescriptorForType().getOneofs().isEmpty() || !name.endsWith("Event")) {
            throw new IllegalArgumentException(name + " is not an event envelope (a <Family>Event with a kind oneof)");
        }
        OneofDescriptor kind = envelope.getDescriptorForType().getOneofs().get(0);
        FieldDescriptor set = envelope.getOneofFieldDescriptor(kind);
        if (set == null) {
            throw new IllegalArgumentException(name + ": no " + kind.getName() + " is set");
        }
        String family = name.substring(0, name.length() - "Event".length()).toLowerCase(Locale.ROOT);
        return "io.mdfe." + family + "." + set.getMessageType().getName() + ".v1";
    }
}
