package io.mdfe.service.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The callers a service knows: bearer tokens, stored only as SHA-256 hashes, and client certificate CNs,
 * each with a role.
 *
 * <p>Tokens file, one caller a line: {@code <role> <name> <sha256 hex of the token>}. Identities file:
 * {@code <role> <certificate CN>}. Blank lines and lines starting with {@code #} are skipped. Any other
 * line that does not parse stops the service, naming the file and line (never a hash).
 */
public final class CallerDirectory {

    /** Files larger than this are refused: they cannot be a list of callers. */
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:+-]{1,128}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private record TokenEntry(Caller caller, byte[] sha256) {
    }

    private final List<TokenEntry> tokens;
    private final Map<String, Caller> byCommonName;

    private CallerDirectory(List<TokenEntry> tokens, Map<String, Caller> byCommonName) {
        this.tokens = List.copyOf(tokens);
        this.byCommonName = Map.copyOf(byCommonName);
    }

    /**
     * Reads both files. Either may be absent (a deployment may use only tokens or only certificates),
     * not both.
     *
     * @param tokensFile the tokens file
     * @param identitiesFile the identities file
     * @return the directory
     * @throws IllegalStateException naming the file and line of the first problem
     */
    public static CallerDirectory load(Path tokensFile, Path identitiesFile) {
        boolean hasTokens = Files.isRegularFile(tokensFile);
        boolean hasIdentities = Files.isRegularFile(identitiesFile);
        if (!hasTokens && !hasIdentities) {
            throw new IllegalStateException("authorization is on but neither the tokens file " + tokensFile
                    + " nor the identities file " + identitiesFile + " exists");
        }
        return parse(hasTokens ? readLines(tokensFile) : List.of(), tokensFile.toString(),
                hasIdentities ? readLines(identitiesFile) : List.of(), identitiesFile.toString());
    }

    /**
     * Parses the two files' lines.
     *
     * @param tokenLines lines of the tokens file
     * @param tokensSource the tokens file's name for messages
     * @param identityLines lines of the identities file
     * @param identitiesSource the identities file's name for messages
     * @return the directory
     * @throws IllegalStateException naming the file and line of the first problem
     */
    public static CallerDirectory parse(List<String> tokenLines, String tokensSource, List<String> identityLines,
            String identitiesSource) {
        List<TokenEntry> tokens = new ArrayList<>();
        Map<String, String> namesByHash = new HashMap<>();
        for (int i = 0; i < tokenLines.size(); i++) {
            String line = tokenLines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = tokensSource + " line " + (i + 1);
            String[] fields = line.split("\\s+");
            if (fields.length != 3) {
                throw new IllegalStateException(where + ": expected '<role> <name> <sha256 hex of the token>', found "
                        + fields.length + " fields");
            }
            Role role = role(fields[0], where);
            if (!NAME.matcher(fields[1]).matches()) {
                throw new IllegalStateException(where + ": name must be 1-128 of A-Z a-z 0-9 . _ @ : + -");
            }
            if (!SHA256_HEX.matcher(fields[2]).matches()) {
                throw new IllegalStateException(where + " (" + fields[1]
                        + "): the third field must be the 64 hex digits of the token's SHA-256, not the token");
            }
            String hash = fields[2].toLowerCase(Locale.ROOT);
            String earlier = namesByHash.putIfAbsent(hash, fields[1]);
            if (earlier != null) {
                throw new IllegalStateException(where + " (" + fields[1] + "): same token hash as " + earlier);
            }
            tokens.add(new TokenEntry(new Caller(fields[1], role, "token"), HexFormat.of().parseHex(hash)));
        }
        Map<String, Caller> byCommonName = new HashMap<>();
        for (int i = 0; i < identityLines.size(); i++) {
            String line = identityLines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = identitiesSource + " line " + (i + 1);
            String[] fields = line.split("\\s+", 2);
            if (fields.length != 2 || fields[1].isBlank()) {
                throw new IllegalStateException(where + ": expected '<role> <certificate CN>'");
            }
            Role role = role(fields[0], where);
            String commonName = fields[1].strip();
            if (byCommonName.putIfAbsent(commonName, new Caller(commonName, role, "certificate")) != null) {
                throw new IllegalStateException(where + ": CN '" + commonName + "' is listed twice");
            }
        }
        return new CallerDirectory(tokens, byCommonName);
    }

    /**
     * The caller holding a bearer token. Compares the token's hash with every entry in constant time
     * and without stopping at a match, so timing tells nothing about the tokens.
     *
     * @param token the presented token
     * @return the caller, empty for an unknown token
     */
    public Optional<Caller> byToken(String token) {
        byte[] presented = sha256(token);
        Caller found = null;
        for (TokenEntry entry : tokens) {
            if (MessageDigest.isEqual(entry.sha256(), presented)) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The caller a client certificate stands for, by its subject's CN. The TLS layer has already
     * checked the certificate against the configured CA.
     *
     * @param certificate the peer's own certificate
     * @return the caller, empty when the CN is unknown, missing or given twice
     */
    public Optional<Caller> byCertificate(X509Certificate certificate) {
        return commonName(certificate).map(byCommonName::get);
    }

    /** @return how many tokens and certificate identities are known, for the start-up log */
    public String summary() {
        return tokens.size() + " token(s), " + byCommonName.size() + " certificate identit"
                + (byCommonName.size() == 1 ? "y" : "ies");
    }

    /**
     * The single CN of a certificate's subject.
     *
     * @param certificate the certificate
     * @return the CN, empty when there is none or more than one
     */
    static Optional<String> commonName(X509Certificate certificate) {
        try {
            List<String> names = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
                    .map(Rdn::getValue)
                    .map(String::valueOf)
                    .toList();
            return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    /**
     * The SHA-256 of a token as the tokens file stores it (hex of the UTF-8 bytes).
     *
     * @param token the token
     * @return 64 lower-case hex digits
     */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Role role(String name, String where) {
        try {
            return Role.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalStateException(file + ": " + size + " bytes, more than the " + MAX_FILE_BYTES
                        + " a list of callers can need");
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
