package io.mdfe.service.common.security;

import java.util.Locale;

/** What calling one gRPC method needs when authorization is on. */
public enum Access {
    /** Anyone, without credentials: health checks. */
    OPEN,
    /** Any known caller (role client or operator). */
    CLIENT,
    /** Only callers with role operator. */
    OPERATOR;

    /** @return the name used in messages and the README */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
