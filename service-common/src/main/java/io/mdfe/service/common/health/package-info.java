/** Health checking from outside a service: a grpc.health.v1 command-line client for images and helm tests. */
package io.mdfe.service.common.health;
