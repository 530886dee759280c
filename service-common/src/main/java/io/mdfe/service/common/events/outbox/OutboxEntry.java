package io.mdfe.service.common.events.outbox;

import com.google.protobuf.Message;
import io.mdfe.service.common.events.CloudEventAttributes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * One event waiting in the {@link Outbox}: the Kafka record (key and protobuf payload) with its CloudEvents
 * attributes. The id is chosen once, when the state change happens, and travels with every relay attempt, so a
 * consumer recognises an event published twice.
 *
 * @param id the CloudEvents {@code id} (a UUID)
 * @param type the CloudEvents {@code type}, e.g. {@code io.mdfe.training.CheckpointSaved.v1}
 * @param source the CloudEvents {@code source}: the publishing service's name
 * @param subject the CloudEvents {@code subject}: the entity id, also the record key
 * @param time when the state change happened
 * @param payload the serialized event envelope
 */
public record OutboxEntry(String id, String type, String source, String subject, Instant time, byte[] payload) {

    private static final int MAGIC = 0x4D444F42; // "MDOB"
    private static final int FORMAT = 1;

    /** Checks that every attribute is present. */
    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * A new event with a fresh id.
     *
     * @param envelope the event envelope, its kind set
     * @param source the publishing service
     * @param subject the entity the event is about (its id is the record key)
     * @param time when it happened
     * @return the entry
     */
    public static OutboxEntry of(Message envelope, String source, String subject, Instant time) {
        return new OutboxEntry(UUID.randomUUID().toString(), CloudEventAttributes.typeOf(envelope), source, subject,
                time, envelope.toByteArray());
    }

    /**
     * The entry as stored on disk: a small binary record with a CRC, so a damaged file is recognised.
     *
     * @return the bytes
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(id);
            out.writeUTF(type);
            out.writeUTF(source);
            out.writeUTF(subject);
            out.writeLong(time.getEpochSecond());
            out.writeInt(time.getNano());
            out.writeInt(payload.length);
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        byte[] body = bytes.toByteArray();
        byte[] all = Arrays.copyOf(body, body.length + 8);
        long value = crc.getValue();
        for (int i = 0; i < 8; i++) {
            all[body.length + i] = (byte) (value >>> (56 - 8 * i));
        }
        return all;
    }

    /**
     * Reads an entry written by {@link #toBytes()}.
     *
     * @param bytes the file's content
     * @return the entry
     * @throws IOException when the content is damaged or of another format
     */
    public static OutboxEntry fromBytes(byte[] bytes) throws IOException {
        if (bytes.length < 16) {
            throw new IOException("outbox entry too short (" + bytes.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = 0;
        for (int i = bytes.length - 8; i < bytes.length; i++) {
            stored = (stored << 8) | (bytes[i] & 0xFF);
        }
        if (stored != crc.getValue()) {
            throw new IOException("outbox entry checksum mismatch");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException("not an outbox entry of format " + FORMAT);
            }
            String id = in.readUTF();
            String type = in.readUTF();
            String source = in.readUTF();
            String subject = in.readUTF();
            Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
            int length = in.readInt();
            if (length < 0 || length > bytes.length) {
                throw new IOException("outbox entry payload length " + length + " out of range");
            }
            return new OutboxEntry(id, type, source, subject, time, in.readNBytes(length));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutboxEntry that && id.equals(that.id) && type.equals(that.type)
                && source.equals(that.source) && subject.equals(that.subject) && time.equals(that.time)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return type + " " + id + " (" + subject + ", " + payload.length + " bytes)";
    }
}
