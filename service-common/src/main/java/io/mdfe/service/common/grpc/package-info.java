/**
 * gRPC failures the same way in every service: a {@link io.mdfe.service.common.grpc.ServiceException}
 * carries the status a request's failure becomes, and {@link io.mdfe.service.common.grpc.GrpcErrors} turns
 * failures into statuses.
 */
package io.mdfe.service.common.grpc;
