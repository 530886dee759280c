package io.mdfe.service.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingEvent;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The schema-evolution rule of proto/README.md, on bytes a newer producer would write: an older consumer reads
 * the fields it knows, ignores an unknown field, and sees an unknown kind as KIND_NOT_SET (which consumers skip).
 */
class SchemaEvolutionTest {

    private static final TrainingEvent KNOWN = TrainingEvent.newBuilder().setCheckpointSaved(CheckpointSaved
            .newBuilder().setRunId("run-1").setStep(12).setBundleUri("file:///b")).build();

    @Test
    void anUnknownFieldIsIgnoredAndTheKnownOnesRead() throws Exception {
        ByteArrayOutputStream newer = new ByteArrayOutputStream();
        newer.write(KNOWN.toByteArray());
        CodedOutputStream out = CodedOutputStream.newInstance(newer);
        out.writeString(40, "a field added to TrainingEvent later");
        out.writeDouble(41, 0.5);
        out.flush();

        TrainingEvent read = TrainingEvent.parseFrom(newer.toByteArray());
        assertEquals(KNOWN.getCheckpointSaved(), read.getCheckpointSaved());
        assertEquals(TrainingEvent.KindCase.CHECKPOINT_SAVED, read.getKindCase());
        assertEquals(CloudEventAttributes.typeOf(KNOWN), CloudEventAttributes.typeOf(read));
    }

    @Test
    void anUnknownKindReadsAsKindNotSet() throws Exception {
        ByteArrayOutputStream newer = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(newer);
        // kind 9 = a message this version does not have (e.g. a future TrainingPaused { run_id = 1 })
        out.writeBytes(9, ByteString.copyFrom(new byte[] {0x0A, 5, 'r', 'u', 'n', '-', '1'}));
        out.flush();

        TrainingEvent read = TrainingEvent.parseFrom(newer.toByteArray());
        assertEquals(TrainingEvent.KindCase.KIND_NOT_SET, read.getKindCase());
        assertThrows(IllegalArgumentException.class, () -> CloudEventAttributes.typeOf(read),
                "an older producer could not name it, so it never publishes it");
    }
}
