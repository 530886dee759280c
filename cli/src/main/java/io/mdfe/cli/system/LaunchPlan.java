package io.mdfe.cli.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the settings into command lines: the broker's, and each service's with the settings mapped onto
 * its configuration keys (passed as system properties, which Quarkus reads before application.properties).
 * Every process gets {@code -Dmdfe.parent-pid} so that it exits when the launcher is gone.
 */
public final class LaunchPlan {

    /** The system property every launched JVM watches (service-common's and the broker's ParentProcessWatch). */
    public static final String PARENT_PID = "mdfe.parent-pid";

    private final SystemSettings settings;
    private final PackagedJars jars;
    private final long parentPid;

    /**
     * @param settings  the system settings
     * @param jars      where the packaged jars are
     * @param parentPid the pid the processes watch: the launcher's
     */
    public LaunchPlan(SystemSettings settings, PackagedJars jars, long parentPid) {
        this.settings = settings;
        this.jars = jars;
        this.parentPid = parentPid;
    }

    /** {@return the broker's launch} */
    public LaunchSpec broker() {
        List<String> command = java(settings.kafka().jvmOptions());
        command.addAll(List.of("-jar", jars.broker().toString(), "--data", settings.folders().kafka().toString(),
                "--host", settings.host(), "--port", String.valueOf(settings.kafka().port())));
        return new LaunchSpec("kafka", "kafka", settings.kafka().port(), command, log("kafka"));
    }

    /** {@return one service's launch} */
    public LaunchSpec service(ServiceName service) {
        ServiceSettings own = settings.service(service);
        List<String> command = java(own.jvmOptions());
        // The exact index's SIMD kernel (core) needs the incubating Vector API.
        command.add("--add-modules=jdk.incubator.vector");
        properties(service).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jars.service(service).toString()));
        return new LaunchSpec(service.serviceName(), service.key(), own.port(), command, log(service.serviceName()));
    }

    private Map<String, String> properties(ServiceName service) {
        SystemFolders folders = settings.folders();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.host", settings.host());
        properties.put("quarkus.http.port", String.valueOf(settings.service(service).port()));
        properties.put("kafka.bootstrap.servers", settings.bootstrapServers());
        // Nothing is downloaded at run time.
        properties.put("ai.djl.offline", "true");
        // Where bundle URIs from requests and events may point: the runs and the exported backbones.
        properties.put("mdfe.artifact-roots", folders.runs() + "," + folders.models());
        String data = folders.data().toString();
        String state = folders.state(service).toString();
        switch (service) {
            case DATA -> {
                properties.put("mdfe.data.allowed-root", data);
                properties.put("mdfe.data.state-dir", state);
            }
            case TRAINER -> {
                properties.put("mdfe.trainer.allowed-data-root", data);
                properties.put("mdfe.trainer.state-dir", state);
                properties.put("mdfe.trainer.runs-dir", folders.runs().toString());
            }
            case EMBEDDER -> {
                properties.put("mdfe.embedder.allowed-image-root", data);
                properties.put("mdfe.embedder.model-dir", folders.models().toString());
                properties.put("mdfe.embedder.state-dir", state);
            }
            case INDEX -> properties.put("mdfe.index.state-dir", state);
            case EVAL -> {
                properties.put("mdfe.eval.allowed-root", data);
                properties.put("mdfe.eval.uned-root", folders.data().resolve("uned").toString());
                properties.put("mdfe.eval.state-dir", state);
                properties.put("mdfe.eval.model-dir", folders.models().toString());
                // the final (test) evaluations build and search their indexes in this system's index-service
                properties.put("quarkus.grpc.clients.index.host", settings.host());
                properties.put("quarkus.grpc.clients.index.port", String.valueOf(settings.service(ServiceName.INDEX)
                        .port()));
            }
        }
        return properties;
    }

    private List<String> java(List<String> ownOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmOptions());
        command.addAll(ownOptions);
        command.add("-D" + PARENT_PID + "=" + parentPid);
        return command;
    }

    private Path log(String name) {
        return settings.folders().logs().resolve(name + ".log");
    }
}
