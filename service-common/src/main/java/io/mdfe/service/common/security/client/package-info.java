/**
 * The client side of MDFE's gRPC security, without Quarkus: a channel with TLS, mutual TLS and a bearer
 * token from the same files and environment variables the services read ({@link
 * io.mdfe.service.common.security.client.SecureChannels}), and the interceptor that sends the token.
 */
package io.mdfe.service.common.security.client;
