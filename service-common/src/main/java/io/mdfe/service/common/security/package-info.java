/**
 * Transport security and authorization shared by every service: the mapping of {@code mdfe.tls.*} onto
 * Quarkus's TLS registry ({@link io.mdfe.service.common.security.TlsConfigSourceFactory}), the per-method
 * permission table ({@link io.mdfe.service.common.security.MethodPermissions}), the callers known by
 * bearer token or client certificate ({@link io.mdfe.service.common.security.CallerDirectory}) and the
 * gRPC interceptor that checks them ({@link io.mdfe.service.common.security.AuthorizationInterceptor}).
 * {@link io.mdfe.service.common.security.client} builds client channels from the same files.
 */
package io.mdfe.service.common.security;
