package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.cli.flow.EventFormatter;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.events.TrainingStarted;
import io.mdfe.testing.kafka.EmbeddedKafkaBroker;
import io.mdfe.testing.kafka.TopicWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mdfe events} on a real (in-process KRaft) broker: every event on the topics, one line each. */
class EventsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsEveryEventOfTheTopicsInOrderWithoutJoiningAGroup() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            try (TopicWriter training = new TopicWriter(broker.bootstrapServers(), EventFormatter.TRAINING_TOPIC);
                 TopicWriter evaluation = new TopicWriter(broker.bootstrapServers(), EventFormatter.EVALUATION_TOPIC)) {
                training.send("run-1", TrainingEvent.newBuilder().setStarted(TrainingStarted.newBuilder()
                        .setRunId("run-1").setTotalSteps(8)).build().toByteArray());
                training.send("run-1", TrainingEvent.newBuilder().setCheckpointSaved(CheckpointSaved.newBuilder()
                        .setRunId("run-1").setStep(4).setModel(ModelRef.newBuilder().setModelId("m").setVersion("step-4")))
                        .build().toByteArray());
                training.send("run-1", new byte[] {(byte) 0xff});
                evaluation.send("m", EvaluationEvent.newBuilder().setCompleted(EvaluationCompleted.newBuilder()
                        .setTrigger("checkpoint").setSplit("val").putMean("R@1", 0.5)
                        .setModel(ModelRef.newBuilder().setModelId("m").setVersion("step-4"))).build().toByteArray());
            }
            Path system = tmp.resolve("system.yaml");
            Files.writeString(system, "kafka: {bootstrap: \"" + broker.bootstrapServers() + "\"}\n");

            CliRun run = CliRun.of("events", "--system", system.toString());

            assertEquals(0, run.exit(), run.err());
            List<String> lines = run.out().lines().toList();
            assertEquals(4, lines.size(), run.out());
            // In order within a topic; the topics interleave as the consumer polls them.
            List<String> training = lines.stream().filter(l -> l.contains("  training  ")).toList();
            assertEquals(3, training.size(), run.out());
            assertTrue(training.get(0).contains("training    started           run-1"), training.get(0));
            assertTrue(training.get(1).contains("checkpoint-saved  run-1                     model=m@step-4 step=4"),
                    training.get(1));
            assertTrue(training.get(2).contains("undecodable"), training.get(2));
            assertTrue(lines.stream().anyMatch(l -> l.contains("evaluation  completed         m                 "
                    + "        trigger=checkpoint model=m@step-4 split=val index=exact R@1=0.5000")), run.out());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                assertEquals(0, admin.listConsumerGroups().all().get().size(), "watching commits nothing");
            }
        }
    }

    @Test
    void anUnreachableBrokerIsNamed() throws Exception {
        Path system = tmp.resolve("system.yaml");
        // A port nothing listens on: the OS gives a free one, we close it, nobody takes it within the test.
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(system, "kafka: {bootstrap: \"127.0.0.1:" + port + "\"}\n");
        CliRun run = CliRun.of("events", "--system", system.toString(), "--connect-timeout", "2");
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.err().contains("Kafka at 127.0.0.1:" + port + " did not answer"), run.err());
    }
}
