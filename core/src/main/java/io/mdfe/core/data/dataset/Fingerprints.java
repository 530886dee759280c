package io.mdfe.core.data.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 fingerprints of datasets. Annotation files are hashed while they are parsed, so the
 * fingerprint is of exactly the bytes the samples came from.
 */
public final class Fingerprints {

    private Fingerprints() {}

    /** {@return a stream that hashes everything read through it; finish with {@link #hex}} */
    public static DigestInputStream digesting(InputStream in) {
        return new DigestInputStream(in, sha256());
    }

    /**
     * Reads the rest of {@code in} (a parser may stop before the end) and returns the SHA-256 of
     * all its bytes as lower-case hex.
     */
    public static String hex(DigestInputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(in.getMessageDigest().digest());
    }

    /**
     * {@return the fingerprint of a combination: SHA-256 over "name\tfingerprint\n" per source, in
     * order, so renaming, reordering or changing any source changes it}
     */
    public static String combine(List<? extends DatasetSource> sources) {
        MessageDigest digest = sha256();
        for (DatasetSource source : sources) {
            digest.update((source.name() + "\t" + source.fingerprint() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM must provide SHA-256", e);
        }
    }
}
