package io.mdfe.core.config;

/**
 * A configuration problem: an unknown key, a value of the wrong type or outside what is allowed,
 * or two values that contradict each other. The message is one line and names the key, the value,
 * what is allowed and, when there is one, the file or override it came from.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    /**
     * @param key     the full dotted key, e.g. {@code MODEL.HEAD.k}; empty when the problem is not about one key
     * @param value   the offending value as written; empty when there is none
     * @param message the complete one-line message
     */
    public ConfigException(String key, String value, String message) {
        super(message);
        this.key = key;
        this.value = value;
    }

    /** {@return the full dotted key the problem is about, or "" when it is not about one key} */
    public String key() {
        return key;
    }

    /** {@return the offending value as written, or "" when there is none} */
    public String value() {
        return value;
    }

    /**
     * A value that is not allowed for its key.
     *
     * @param problem e.g. "bad value" or "unknown value"
     * @param where   where the value came from (file, override), may be empty
     * @param allowed what the key accepts, e.g. "ArcFace, AdaCos" or "an integer >= 1"
     */
    public static ConfigException badValue(String key, Object value, String problem, String where, String allowed) {
        String shown = String.valueOf(value);
        return new ConfigException(key, shown,
                key + ": " + problem + " '" + shown + "'" + in(where) + "; allowed: " + allowed);
    }

    /** A key the schema does not know, with the closest known key when one is close enough. */
    public static ConfigException unknownKey(String key, String where, String suggestion) {
        String hint = suggestion.isEmpty() ? "" : " (did you mean " + suggestion + "?)";
        return new ConfigException(key, "", "unknown key " + key + in(where) + hint);
    }

    /** A problem with the input as a whole (unreadable file, malformed YAML or override). */
    public static ConfigException malformed(String where, String problem) {
        return new ConfigException("", "", where.isEmpty() ? problem : where + ": " + problem);
    }

    private static String in(String where) {
        return where.isEmpty() ? "" : " in " + where;
    }
}
