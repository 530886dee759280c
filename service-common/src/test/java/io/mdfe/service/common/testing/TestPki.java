package io.mdfe.service.common.testing;

import io.mdfe.service.common.security.client.ClientSecurity;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away public key infrastructure for TLS tests, made with BouncyCastle: a CA, a server
 * certificate for localhost / 127.0.0.1 signed by it, client certificates with chosen CNs signed by it,
 * and a second, untrusted CA with a client of its own ({@link #ROGUE_CN}). EC P-256 keys, so it takes
 * milliseconds. (SmallRye's certificate generator, which Quarkus's tests use, cannot make a CA that
 * OpenSSL accepts: its CA certificates lack CA:TRUE or are not self-issued.)
 *
 * <p>{@link #serverDir()} is laid out as a service's {@code mdfe.tls.dir}: tls.crt, tls.key, ca.crt.
 */
public final class TestPki {

    /** The CN of the client certificate signed by the untrusted CA. */
    public static final String ROGUE_CN = "rogue";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    private TestPki(Path root) throws Exception {
        this.root = root;
        this.caKeys = keyPair();
        this.caCertificate = issue("mdfe-test-ca", caKeys, null, null, true);
        writePem(root.resolve("ca.crt"), caCertificate);

        Path server = serverDir();
        Files.createDirectories(server);
        KeyPair serverKeys = keyPair();
        writePem(server.resolve("tls.crt"), issue("localhost", serverKeys, caKeys, caCertificate, false));
        writePem(server.resolve("tls.key"), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
        writePem(server.resolve("ca.crt"), caCertificate);

        KeyPair rogueCaKeys = keyPair();
        X509Certificate rogueCa = issue("rogue-ca", rogueCaKeys, null, null, true);
        writePem(root.resolve("rogue-ca.crt"), rogueCa);
        writeClient(ROGUE_CN, rogueCaKeys, rogueCa);
    }

    /**
     * Generates the CA, the server certificate and the rogue CA and client under {@code root}.
     *
     * @param root a scratch directory; files in it are replaced
     * @return the PKI
     * @throws Exception when generation fails
     */
    public static TestPki create(Path root) throws Exception {
        Files.createDirectories(root);
        return new TestPki(root);
    }

    /** @return the server's {@code mdfe.tls.dir}: tls.crt, tls.key, ca.crt */
    public Path serverDir() {
        return root.resolve("server-tls");
    }

    /**
     * Creates a client certificate signed by the trusted CA.
     *
     * @param commonName its subject's CN (and file name)
     * @return this
     * @throws Exception when generation fails
     */
    public TestPki addClient(String commonName) throws Exception {
        writeClient(commonName, caKeys, caCertificate);
        return this;
    }

    /**
     * TLS trusting the test CA, presenting the client certificate {@code commonName} (made by {@link
     * #addClient}, or {@link #ROGUE_CN}), or none when null.
     *
     * @param commonName the client certificate, or null
     * @param token the bearer token, or null
     * @return the client settings
     */
    public ClientSecurity client(String commonName, String token) {
        return new ClientSecurity(true, root.resolve("ca.crt"),
                Optional.ofNullable(commonName).map(cn -> root.resolve(cn + ".crt")),
                Optional.ofNullable(commonName).map(cn -> root.resolve(cn + ".key")),
                Optional.ofNullable(token));
    }

    /**
     * TLS trusting only the rogue CA, which did not sign the server: the client refuses the server.
     *
     * @return the client settings
     */
    public ClientSecurity clientTrustingRogueCa() {
        return new ClientSecurity(true, root.resolve("rogue-ca.crt"), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private void writeClient(String commonName, KeyPair issuerKeys, X509Certificate issuer) throws Exception {
        KeyPair keys = keyPair();
        writePem(root.resolve(commonName + ".crt"), issue(commonName, keys, issuerKeys, issuer, false));
        writePem(root.resolve(commonName + ".key"), new JcaPKCS8Generator(keys.getPrivate(), null));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /** A CA certificate (self-signed when issuerKeys is null) or a leaf for TLS servers and clients. */
    private static X509Certificate issue(String commonName, KeyPair keys, KeyPair issuerKeys, X509Certificate issuer,
            boolean ca) throws CertIOException, GeneralSecurityException, OperatorCreationException {
        X500Name subject = new X500Name("CN=" + commonName);
        X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        KeyPair signing = issuerKeys == null ? keys : issuerKeys;
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(signing.getPublic()));
        if (ca) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signing.getPrivate())));
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}
