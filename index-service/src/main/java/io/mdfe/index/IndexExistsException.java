package io.mdfe.index;

/** An index of that name exists already (gRPC ALREADY_EXISTS). */
public final class IndexExistsException extends RuntimeException {

    /** For the index {@code name}. */
    public IndexExistsException(String name) {
        super("an index named '" + name + "' exists already; delete it first or choose another name");
    }
}
