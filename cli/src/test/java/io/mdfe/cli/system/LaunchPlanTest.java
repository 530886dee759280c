package io.mdfe.cli.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines mdfe up runs: packaged jars, settings as config keys, the parent pid, JVM options in order. */
class LaunchPlanTest {

    private static final SystemSettings SETTINGS = SystemSettings.fromYaml("""
            host: 127.0.0.2
            kafka: {port: 19092, jvm: {options: [-Xmx100m]}}
            services: {eval: {port: 18085, jvm: {options: [-Xmx3g]}}, index: {port: 18084}}
            folders: {home: /srv/mdfe}
            jvm: {options: [-XX:+UseSerialGC, -Xmx1g]}
            """, "test", Path.of("/work"));
    private static final LaunchPlan PLAN = new LaunchPlan(SETTINGS, new PackagedJars(Path.of("/repo")), 4242);

    @Test
    void theBrokerRunsItsJarOnTheHomesKafkaFolder() {
        LaunchSpec broker = PLAN.broker();
        List<String> command = broker.command();
        assertTrue(command.get(0).endsWith("/bin/java"), command.toString());
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx1g", "-Xmx100m", "-Dmdfe.parent-pid=4242", "-jar",
                "/repo/kafka-broker/target/mdfe-kafka-broker.jar", "--data", "/srv/mdfe/kafka", "--host", "127.0.0.2",
                "--port", "19092"), command.subList(1, command.size()));
        assertEquals(Path.of("/srv/mdfe/logs/kafka.log"), broker.logFile());
    }

    @Test
    void aServiceGetsItsPortKafkaAndFoldersAsConfigKeysAndItsOwnOptionsLast() {
        LaunchSpec eval = PLAN.service(ServiceName.EVAL);
        List<String> command = eval.command();
        assertEquals(18085, eval.port());
        assertTrue(command.indexOf("-Xmx3g") > command.indexOf("-Xmx1g"), "the service's own options win: " + command);
        for (String expected : List.of("-Dmdfe.parent-pid=4242", "-Dquarkus.http.host=127.0.0.2",
                "-Dquarkus.http.port=18085", "-Dkafka.bootstrap.servers=127.0.0.2:19092",
                "-Dmdfe.eval.state-dir=/srv/mdfe/state/eval", "-Dmdfe.eval.allowed-root=/srv/mdfe/data",
                "-Dmdfe.eval.model-dir=/srv/mdfe/models", "-Dquarkus.grpc.clients.index.host=127.0.0.2",
                "-Dquarkus.grpc.clients.index.port=18084")) {
            assertTrue(command.contains(expected), expected + " in " + command);
        }
        assertEquals(List.of("-jar", "/repo/eval-service/target/quarkus-app/quarkus-run.jar"),
                command.subList(command.size() - 2, command.size()));
        assertEquals(Path.of("/srv/mdfe/logs/eval-service.log"), eval.logFile());
    }
}
