package io.mdfe.systemtest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.cli.system.HealthProbe;
import io.mdfe.cli.system.ManagedProcess;
import io.mdfe.cli.system.ServiceName;
import io.mdfe.cli.system.SystemLauncher;
import io.mdfe.testing.kafka.TopicReader;
import io.mdfe.testing.kafka.TopicRecord;
import io.mdfe.testing.kafka.TopicWriter;
import io.mdfe.service.common.security.client.ClientSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What end-to-end and chaos tests build on: {@link TestSystem} kills a service with SIGKILL and restarts
 * it healthy, and stops and restarts the broker on its data folder with the topics' records still there.
 */
class SystemHarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void killsAndRestartsAServiceAndRestartsTheBrokerKeepingItsRecords(@TempDir Path dir) throws Exception {
        try (TestSystem system = TestSystem.start(dir)) {
            try (TopicWriter writer = new TopicWriter(system.bootstrapServers(), "harness-test")) {
                writer.send("k", "before".getBytes(UTF_8));
            }

            long oldPid = pid(system, ServiceName.INDEX.key());
            system.kill(ServiceName.INDEX);
            assertFalse(Processes.alive(oldPid), "SIGKILL ended index-service");
            system.restart(ServiceName.INDEX);
            long newPid = pid(system, ServiceName.INDEX.key());
            assertNotEquals(oldPid, newPid);
            try (HealthProbe probe = new HealthProbe("127.0.0.1", system.settings().service(ServiceName.INDEX).port(),
                    ClientSecurity.plaintext())) {
                assertEquals(HealthProbe.SERVING, probe.health());
            }

            long brokerPid = pid(system, SystemLauncher.KAFKA);
            system.stopBroker();
            assertFalse(Processes.alive(brokerPid));
            system.startBroker();
            String log = Files.readString(system.settings().folders().logs().resolve("kafka.log"));
            assertEquals(2, clusterIds(log).size(), log);
            assertEquals(clusterIds(log).get(0), clusterIds(log).get(1), "the same cluster after the restart");
            try (TopicReader<String> reader = system.readTopic("harness-test", bytes -> new String(bytes, UTF_8))) {
                assertEquals(List.of(new TopicRecord<>("k", "before")), reader.read(1, WAIT));
            }
        }
        assertTrue(Processes.stillAliveAfter(Processes.mentioning(dir.toString()), Duration.ofSeconds(5)).isEmpty(),
                "close() stopped every process");
    }

    private static long pid(TestSystem system, String key) {
        return system.processes().stream().filter(p -> p.spec().key().equals(key)).findFirst()
                .map(ManagedProcess::pid).orElseThrow();
    }

    private static List<String> clusterIds(String brokerLog) {
        return brokerLog.lines().filter(line -> line.contains("mdfe-kafka-broker: ready on "))
                .map(line -> line.replaceAll(".*cluster ([^,]+),.*", "$1")).toList();
    }
}
