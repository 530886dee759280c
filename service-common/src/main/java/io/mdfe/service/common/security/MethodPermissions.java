package io.mdfe.service.common.security;

import grpc.health.v1.HealthGrpc;
import io.grpc.MethodDescriptor;
import io.mdfe.proto.common.ServiceInfoGrpc;
import io.mdfe.proto.data.DataServiceGrpc;
import io.mdfe.proto.embedder.EmbedderServiceGrpc;
import io.mdfe.proto.eval.EvalServiceGrpc;
import io.mdfe.proto.index.IndexServiceGrpc;
import io.mdfe.proto.trainer.TrainerServiceGrpc;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The permission table: what each gRPC method of every MDFE service needs when authorization is on.
 * Read methods need role client; methods that change state, start work, or make a service read a path
 * it is given need role operator; only health is open. A method missing here is refused for everyone
 * (fail closed), and {@code MethodPermissionsTest} fails when a .proto method has no entry.
 *
 * <p>Reflection is for operators only: it lists every method, admin ones included, to anyone who asks;
 * clients have the .proto files, and operators debugging with grpcurl pass their token.
 */
public final class MethodPermissions {

    private static final MethodPermissions DEFAULT = new Builder()
            .open(HealthGrpc.getCheckMethod())
            .open(HealthGrpc.getWatchMethod())
            .operator(io.grpc.reflection.v1.ServerReflectionGrpc.getServerReflectionInfoMethod())
            .operator(grpc.reflection.v1alpha.ServerReflectionGrpc.getServerReflectionInfoMethod())
            .client(ServiceInfoGrpc.getGetInfoMethod())
            // data-service
            .operator(DataServiceGrpc.getRegisterDatasetMethod())
            .client(DataServiceGrpc.getListDatasetsMethod())
            .client(DataServiceGrpc.getListVersionsMethod())
            .client(DataServiceGrpc.getGetManifestMethod())
            .client(DataServiceGrpc.getGetClassDistributionMethod())
            .client(DataServiceGrpc.getStreamImagesMethod())
            // trainer-service
            .operator(TrainerServiceGrpc.getStartTrainingMethod())
            .client(TrainerServiceGrpc.getGetRunMethod())
            .client(TrainerServiceGrpc.getListRunsMethod())
            .operator(TrainerServiceGrpc.getCancelRunMethod())
            .client(TrainerServiceGrpc.getStreamProgressMethod())
            .operator(TrainerServiceGrpc.getRegisterRecipeMethod())
            .client(TrainerServiceGrpc.getListRecipesMethod())
            // embedder-service
            .client(EmbedderServiceGrpc.getEmbedMethod())
            .client(EmbedderServiceGrpc.getEmbedStreamMethod())
            .client(EmbedderServiceGrpc.getGetModelMethod())
            .operator(EmbedderServiceGrpc.getLoadModelMethod())
            // index-service
            .operator(IndexServiceGrpc.getCreateIndexMethod())
            .operator(IndexServiceGrpc.getAddVectorsMethod())
            .operator(IndexServiceGrpc.getBuildMethod())
            .client(IndexServiceGrpc.getSearchMethod())
            .client(IndexServiceGrpc.getStatsMethod())
            .operator(IndexServiceGrpc.getDeleteMethod())
            // eval-service
            .operator(EvalServiceGrpc.getEvaluateMethod())
            .client(EvalServiceGrpc.getGetEvaluationMethod())
            .client(EvalServiceGrpc.getListEvaluationsMethod())
            .client(EvalServiceGrpc.getStreamProgressMethod())
            .build();

    private final Map<String, Access> byMethod;

    private MethodPermissions(Map<String, Access> byMethod) {
        this.byMethod = Collections.unmodifiableMap(byMethod);
    }

    /** @return the table of every MDFE service */
    public static MethodPermissions standard() {
        return DEFAULT;
    }

    /**
     * What a method needs.
     *
     * @param fullMethodName {@code package.Service/Method}
     * @return the access, empty when the method has no entry (then nobody may call it)
     */
    public Optional<Access> accessFor(String fullMethodName) {
        return Optional.ofNullable(byMethod.get(fullMethodName));
    }

    /** @return every entry, by full method name, in table order */
    public Map<String, Access> entries() {
        return byMethod;
    }

    private static final class Builder {
        private final Map<String, Access> entries = new LinkedHashMap<>();

        Builder open(MethodDescriptor<?, ?> method) {
            return put(method, Access.OPEN);
        }

        Builder client(MethodDescriptor<?, ?> method) {
            return put(method, Access.CLIENT);
        }

        Builder operator(MethodDescriptor<?, ?> method) {
            return put(method, Access.OPERATOR);
        }

        private Builder put(MethodDescriptor<?, ?> method, Access access) {
            if (entries.putIfAbsent(method.getFullMethodName(), access) != null) {
                throw new IllegalStateException("two permission entries for " + method.getFullMethodName());
            }
            return this;
        }

        MethodPermissions build() {
            return new MethodPermissions(entries);
        }
    }
}
