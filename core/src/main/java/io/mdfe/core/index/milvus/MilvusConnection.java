package io.mdfe.core.index.milvus;

import io.milvus.v2.client.ConnectConfig;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a Milvus server is and how to sign in: a {@code token} (Zilliz Cloud API key or
 * {@code user:password}) or a user and password; the database is Milvus's {@code default} when
 * blank. {@link #toString()} never shows secrets: the SDK's own {@code ConnectConfig} prints them,
 * so it is built here and never logged.
 *
 * @param uri server address, e.g. {@code http://localhost:19530}
 * @param token API key or {@code user:password}; null or blank for none
 * @param user user name; null or blank for none
 * @param password password of {@code user}; null or blank for none
 * @param database database name; null or blank for {@code default}
 */
public record MilvusConnection(String uri, String token, String user, String password, String database) {

    private static final String REDACTED = "***";

    /** Requires a URI and at most one way to sign in. */
    public MilvusConnection {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a Milvus connection needs a uri, e.g. http://localhost:19530");
        }
        if (present(token) && (present(user) || present(password))) {
            throw new IllegalArgumentException("Milvus connection: give a token or a user and password, not both");
        }
        if (present(password) && !present(user)) {
            throw new IllegalArgumentException("Milvus connection: a password needs a user");
        }
    }

    /** An unauthenticated connection to the {@code default} database. */
    public static MilvusConnection of(String uri) {
        return new MilvusConnection(uri, null, null, null, null);
    }

    /** The same credentials against another server address and database (for reloading a saved index). */
    public MilvusConnection at(String otherUri, String otherDatabase) {
        return new MilvusConnection(otherUri, token, user, password, otherDatabase);
    }

    /** The URI without user info, query or fragment: safe to write into files and logs. */
    public String publicUri() {
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || parsed.getHost() == null) {
                return uri.contains("@") ? REDACTED : uri;
            }
            return new URI(parsed.getScheme(), null, parsed.getHost(), parsed.getPort(), parsed.getPath(), null, null)
                    .toString();
        } catch (URISyntaxException e) {
            return REDACTED;
        }
    }

    /** The database to use: the given one or Milvus's {@code default}. */
    public String databaseName() {
        return present(database) ? database : "default";
    }

    /** The SDK's connection settings. Holds the secrets: never log it. */
    ConnectConfig connectConfig() {
        ConnectConfig.ConnectConfigBuilder builder = ConnectConfig.builder().uri(uri).dbName(databaseName());
        if (present(token)) {
            builder.token(token);
        }
        if (present(user)) {
            builder.username(user).password(present(password) ? password : "");
        }
        return builder.build();
    }

    /** Lists the address, database and which secrets are set, never their values. */
    @Override
    public String toString() {
        return "MilvusConnection[uri=" + publicUri() + ", database=" + databaseName()
                + ", token=" + (present(token) ? REDACTED : "none")
                + ", user=" + (present(user) ? user : "none")
                + ", password=" + (present(password) ? REDACTED : "none") + "]";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
