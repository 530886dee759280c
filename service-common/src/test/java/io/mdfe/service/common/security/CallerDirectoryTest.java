package io.mdfe.service.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.service.common.testing.TestPki;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerDirectoryTest {

    private static final String ALICE_TOKEN = "alice-secret-token";
    private static final String OPS_TOKEN = "ops-secret-token";

    @TempDir
    Path dir;

    @Test
    void knowsTokensByHashAndCertificatesByCn() throws Exception {
        CallerDirectory callers = CallerDirectory.parse(List.of(
                "# role name sha256",
                "",
                "client alice " + CallerDirectory.sha256Hex(ALICE_TOKEN),
                "operator ops " + CallerDirectory.sha256Hex(OPS_TOKEN).toUpperCase()),
                "tokens", List.of("operator  eval service", "client reader"), "identities");

        assertEquals(Optional.of(new Caller("alice", Role.CLIENT, "token")), callers.byToken(ALICE_TOKEN));
        assertEquals(Optional.of(new Caller("ops", Role.OPERATOR, "token")), callers.byToken(OPS_TOKEN));
        assertEquals(Optional.empty(), callers.byToken("alice-secret-token2"));
        assertEquals(Optional.empty(), callers.byToken(CallerDirectory.sha256Hex(ALICE_TOKEN)),
                "the stored hash is not itself a token");

        TestPki pki = TestPki.create(dir).addClient("reader");
        assertEquals(Optional.of(new Caller("reader", Role.CLIENT, "certificate")),
                callers.byCertificate(certificate(dir.resolve("reader.crt"))));
        assertEquals(Optional.empty(), callers.byCertificate(certificate(dir.resolve(TestPki.ROGUE_CN + ".crt"))));
        assertTrue(callers.summary().startsWith("2 token(s), 2 certificate identities"), callers.summary());
    }

    @Test
    void badLinesNameFileAndLineButNeverAHash() {
        String hash = CallerDirectory.sha256Hex(ALICE_TOKEN);
        assertEquals("tokens line 2: unknown role 'admin': must be client or operator",
                failure(List.of("client a " + hash, "admin b " + CallerDirectory.sha256Hex("x")), List.of()));
        assertEquals("tokens line 1: expected '<role> <name> <sha256 hex of the token>', found 2 fields",
                failure(List.of("client " + hash), List.of()));
        String plainToken = failure(List.of("client bob " + ALICE_TOKEN), List.of());
        assertEquals("tokens line 1 (bob): the third field must be the 64 hex digits of the token's SHA-256, not the token",
                plainToken);
        assertFalse(plainToken.contains(ALICE_TOKEN));
        String duplicate = failure(List.of("client a " + hash, "operator b " + hash), List.of());
        assertEquals("tokens line 2 (b): same token hash as a", duplicate);
        assertEquals("identities line 1: expected '<role> <certificate CN>'", failure(List.of(), List.of("operator")));
        assertEquals("identities line 2: CN 'x' is listed twice", failure(List.of(), List.of("client x", "operator x")));
    }

    @Test
    void loadNeedsAtLeastOneFile() throws Exception {
        Path tokens = dir.resolve("tokens");
        Path identities = dir.resolve("identities");
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> CallerDirectory.load(tokens, identities));
        assertEquals("authorization is on but neither the tokens file " + tokens + " nor the identities file "
                + identities + " exists", none.getMessage());

        Files.writeString(identities, "operator ops-bot\n");
        assertTrue(CallerDirectory.load(tokens, identities).summary().startsWith("0 token(s), 1 certificate identity"));
        Files.writeString(tokens, "client a " + "0".repeat(63) + "\n");
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> CallerDirectory.load(tokens, identities));
        assertTrue(bad.getMessage().startsWith(tokens + " line 1 (a): "), bad.getMessage());
    }

    private static String failure(List<String> tokens, List<String> identities) {
        return assertThrows(IllegalStateException.class,
                () -> CallerDirectory.parse(tokens, "tokens", identities, "identities")).getMessage();
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
