package io.mdfe.service.common.security;

/**
 * An authenticated caller of a gRPC method.
 *
 * @param name the name from the tokens file, or the certificate's CN
 * @param role what it may do
 * @param credential how it proved who it is: {@code token} or {@code certificate}
 */
public record Caller(String name, Role role, String credential) {
}
