package io.mdfe.service.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.mdfe.proto.common.ServiceInfoGrpc;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The permission table covers every method of every gRPC service the proto jar defines, plus health
 * and reflection, so a new rpc cannot ship without a decision on who may call it.
 */
class MethodPermissionsTest {

    private final MethodPermissions table = MethodPermissions.standard();

    @Test
    void everyMethodOfEveryServiceHasAnEntry() throws Exception {
        List<ServiceDescriptor> services = new ArrayList<>(protoJarServices());
        services.add(HealthGrpc.getServiceDescriptor());
        services.add(io.grpc.reflection.v1.ServerReflectionGrpc.getServiceDescriptor());
        services.add(grpc.reflection.v1alpha.ServerReflectionGrpc.getServiceDescriptor());

        Set<String> missing = new TreeSet<>();
        for (ServiceDescriptor service : services) {
            for (MethodDescriptor<?, ?> method : service.getMethods()) {
                if (table.accessFor(method.getFullMethodName()).isEmpty()) {
                    missing.add(method.getFullMethodName());
                }
            }
        }
        assertEquals(Set.of(), missing, "methods without a permission entry");
        assertEquals(allMethods(services), table.entries().keySet(), "entries must name exactly the existing methods");
    }

    @Test
    void protoJarScanFindsEveryMdfeService() throws Exception {
        // Guards the scan itself: an empty scan would make the coverage test pass vacuously.
        assertEquals(Set.of("mdfe.common.v1.ServiceInfo", "mdfe.data.v1.DataService", "mdfe.trainer.v1.TrainerService",
                "mdfe.embedder.v1.EmbedderService", "mdfe.index.v1.IndexService", "mdfe.eval.v1.EvalService"),
                Set.copyOf(protoJarServices().stream().map(ServiceDescriptor::getName).toList()));
    }

    @Test
    void stateChangingMethodsNeedOperatorReadsNeedClientHealthIsOpen() {
        for (String admin : List.of("mdfe.embedder.v1.EmbedderService/LoadModel",
                "mdfe.trainer.v1.TrainerService/StartTraining", "mdfe.trainer.v1.TrainerService/CancelRun",
                "mdfe.data.v1.DataService/RegisterDataset", "mdfe.index.v1.IndexService/CreateIndex",
                "mdfe.index.v1.IndexService/AddVectors", "mdfe.index.v1.IndexService/Build",
                "mdfe.index.v1.IndexService/Delete", "mdfe.eval.v1.EvalService/Evaluate",
                "grpc.reflection.v1.ServerReflection/ServerReflectionInfo")) {
            assertEquals(Optional.of(Access.OPERATOR), table.accessFor(admin), admin);
        }
        for (String read : List.of("mdfe.embedder.v1.EmbedderService/Embed",
                "mdfe.embedder.v1.EmbedderService/EmbedStream", "mdfe.index.v1.IndexService/Search",
                "mdfe.data.v1.DataService/StreamImages", "mdfe.trainer.v1.TrainerService/StreamProgress",
                "mdfe.eval.v1.EvalService/ListEvaluations", "mdfe.common.v1.ServiceInfo/GetInfo")) {
            assertEquals(Optional.of(Access.CLIENT), table.accessFor(read), read);
        }
        assertEquals(Optional.of(Access.OPEN), table.accessFor("grpc.health.v1.Health/Check"));
        assertEquals(Optional.of(Access.OPEN), table.accessFor("grpc.health.v1.Health/Watch"));
        assertEquals(Optional.empty(), table.accessFor("mdfe.index.v1.IndexService/Unknown"));
    }

    @Test
    void rolesAllowWhatTheyShould() {
        assertTrue(Role.OPERATOR.allows(Access.OPERATOR) && Role.OPERATOR.allows(Access.CLIENT));
        assertTrue(Role.CLIENT.allows(Access.CLIENT) && Role.CLIENT.allows(Access.OPEN));
        assertTrue(!Role.CLIENT.allows(Access.OPERATOR));
    }

    private static Set<String> allMethods(List<ServiceDescriptor> services) {
        Set<String> names = new TreeSet<>();
        services.forEach(s -> s.getMethods().forEach(m -> names.add(m.getFullMethodName())));
        return names;
    }

    /** Every grpc-java {@code *Grpc} class in the proto jar (or its classes folder in a reactor build). */
    private static List<ServiceDescriptor> protoJarServices() throws Exception {
        Path location = Path.of(ServiceInfoGrpc.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> classNames = new ArrayList<>();
        for (String entry : entries(location)) {
            String name = entry.replace('\\', '/');
            String simple = name.substring(name.lastIndexOf('/') + 1);
            if (name.startsWith("io/mdfe/proto/") && simple.endsWith("Grpc.class") && !simple.startsWith("Mutiny")) {
                classNames.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            }
        }
        List<ServiceDescriptor> services = new ArrayList<>();
        for (String className : classNames) {
            Class<?> type = Class.forName(className);
            services.add((ServiceDescriptor) type.getMethod("getServiceDescriptor").invoke(null));
        }
        return services;
    }

    private static List<String> entries(Path location) throws IOException, URISyntaxException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                return files.filter(Files::isRegularFile).map(f -> location.relativize(f).toString()).toList();
            }
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            return jar.stream().map(e -> e.getName()).toList();
        }
    }
}
