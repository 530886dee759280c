package io.mdfe.service.common.security;

import java.util.Locale;

/** What a caller may do: clients read, operators also change state. */
public enum Role {
    /** Read methods: embeddings, searches, listings, progress. */
    CLIENT,
    /** Everything a client may, plus the methods that change state or load code and data. */
    OPERATOR;

    /**
     * Whether a caller with this role may call a method that needs {@code access}.
     *
     * @param access what the method needs
     * @return true when allowed
     */
    public boolean allows(Access access) {
        return switch (access) {
            case OPEN, CLIENT -> true;
            case OPERATOR -> this == OPERATOR;
        };
    }

    /**
     * The role named in a tokens or identities file.
     *
     * @param name {@code client} or {@code operator}
     * @return the role
     * @throws IllegalArgumentException for any other name
     */
    public static Role parse(String name) {
        return switch (name) {
            case "client" -> CLIENT;
            case "operator" -> OPERATOR;
            default -> throw new IllegalArgumentException("unknown role '" + name + "': must be client or operator");
        };
    }

    /** @return the name used in files and messages */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
