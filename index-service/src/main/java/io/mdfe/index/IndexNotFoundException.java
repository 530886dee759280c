package io.mdfe.index;

/** No index of that name exists (gRPC NOT_FOUND). */
public final class IndexNotFoundException extends RuntimeException {

    /** For the index {@code name}. */
    public IndexNotFoundException(String name) {
        super("no index named '" + name + "'");
    }
}
