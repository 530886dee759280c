package io.mdfe.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.events.TrainingFinished;
import io.mdfe.proto.events.TrainingStarted;
import io.mdfe.proto.trainer.Run;
import io.mdfe.testing.kafka.TopicRecord;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One run's events as the topics hold them, for counting. Delivery is at least once, so a record may be on a topic
 * twice with the same {@code ce_id} (e.g. an outbox entry relayed again after a crash); what a consumer applies is
 * one record per {@code ce_id}, and {@link #distinct} gives exactly that, checking that the copies are identical.
 *
 * @param training    the run's training events, every record
 * @param evaluations the evaluations of the run's checkpoints, every record
 */
record RunEvents(List<TopicRecord<TrainingEvent>> training, List<TopicRecord<EvaluationEvent>> evaluations) {

    /** {@return the events of {@code run} on the training and evaluation topics now} */
    static RunEvents of(PipelineSystem pipeline, Run run) throws IOException {
        List<TopicRecord<TrainingEvent>> training = pipeline.trainingEvents().stream()
                .filter(r -> runIdOf(r.value()).equals(run.getRunId())).toList();
        List<TopicRecord<EvaluationEvent>> evaluations = pipeline.evaluationEvents().stream()
                .filter(r -> r.value().getCompleted().getModel().getModelId().equals(run.getModelId())).toList();
        return new RunEvents(training, evaluations);
    }

    static String runIdOf(TrainingEvent event) {
        return switch (event.getKindCase()) {
            case STARTED -> event.getStarted().getRunId();
            case CHECKPOINT_SAVED -> event.getCheckpointSaved().getRunId();
            case FINISHED -> event.getFinished().getRunId();
            case FAILED -> event.getFailed().getRunId();
            default -> "";
        };
    }

    /** {@return the TrainingStarted events, one per ce_id, in topic order} */
    List<TrainingStarted> started() {
        return distinct(training).stream().filter(TrainingEvent::hasStarted).map(TrainingEvent::getStarted).toList();
    }

    /** {@return the CheckpointSaved events, one per ce_id, in topic order} */
    List<CheckpointSaved> checkpoints() {
        return distinct(training).stream().filter(TrainingEvent::hasCheckpointSaved)
                .map(TrainingEvent::getCheckpointSaved).toList();
    }

    /** {@return the TrainingFinished events, one per ce_id} */
    List<TrainingFinished> finished() {
        return distinct(training).stream().filter(TrainingEvent::hasFinished).map(TrainingEvent::getFinished).toList();
    }

    /** {@return how many TrainingFailed events, one per ce_id} */
    long failed() {
        return distinct(training).stream().filter(TrainingEvent::hasFailed).count();
    }

    /** {@return the EvaluationCompleted events a CheckpointSaved asked for (val split), one per ce_id} */
    List<EvaluationCompleted> valEvaluations() {
        return distinct(evaluations).stream().map(EvaluationEvent::getCompleted)
                .filter(e -> e.getTrigger().equals("checkpoint")).toList();
    }

    /** {@return the EvaluationCompleted events the TrainingFinished asked for (test split), one per ce_id} */
    List<EvaluationCompleted> finalEvaluations() {
        return distinct(evaluations).stream().map(EvaluationEvent::getCompleted)
                .filter(e -> e.getTrigger().equals("final")).toList();
    }

    /** {@return the checkpoints' steps, ascending; fails when a step was announced under two ce_ids} */
    List<Long> checkpointSteps() {
        Map<Long, Long> perStep = checkpoints().stream()
                .collect(Collectors.groupingBy(CheckpointSaved::getStep, TreeMap::new, Collectors.counting()));
        perStep.forEach((step, count) -> assertEquals(1L, count, "CheckpointSaved events (distinct ce_id) of step "
                + step + ": " + checkpoints()));
        return List.copyOf(perStep.keySet());
    }

    /**
     * The val evaluations per checkpoint model version; fails when a version was evaluated and announced twice
     * (two ce_ids), or an evaluation names a version the run never announced.
     */
    Map<String, EvaluationCompleted> valEvaluationPerVersion() {
        Map<String, List<EvaluationCompleted>> perVersion = valEvaluations().stream()
                .collect(Collectors.groupingBy(e -> e.getModel().getVersion(), TreeMap::new, Collectors.toList()));
        List<String> announced = checkpoints().stream().map(c -> c.getModel().getVersion()).toList();
        Map<String, EvaluationCompleted> one = new TreeMap<>();
        perVersion.forEach((version, events) -> {
            assertEquals(1, events.size(), "val EvaluationCompleted events (distinct ce_id) of model version "
                    + version + ": " + events);
            assertTrue(announced.contains(version), "an evaluation of " + version + ", which no CheckpointSaved named");
            one.put(version, events.get(0));
        });
        return one;
    }

    /**
     * Checks that nothing of a run that ended well was lost or applied twice: a CheckpointSaved for each epoch (one
     * per step), one TrainingFinished naming the last of them, no TrainingFailed, exactly one val
     * EvaluationCompleted per checkpoint, and exactly one final test EvaluationCompleted of the last checkpoint.
     *
     * @param ended the run as it ended
     * @param epochs its epochs, each saving a checkpoint
     */
    void assertWholeRun(Run ended, int epochs) {
        long stepsPerEpoch = ended.getTotalSteps() / epochs;
        List<Long> expected = java.util.stream.LongStream.rangeClosed(1, epochs).map(e -> e * stepsPerEpoch).boxed()
                .toList();
        assertEquals(expected, checkpointSteps(), "the run's checkpoints, one CheckpointSaved each");
        assertEquals(1, finished().size(), "TrainingFinished: " + finished());
        assertEquals(checkpoints().get(checkpoints().size() - 1), finished().get(0).getLastCheckpoint());
        assertEquals(0, failed(), "TrainingFailed events");
        assertEquals(checkpoints().stream().map(c -> c.getModel().getVersion()).sorted().toList(),
                List.copyOf(valEvaluationPerVersion().keySet()), "one val evaluation per checkpoint");
        valEvaluations().forEach(e -> assertEquals("val", e.getSplit(), e.toString()));
        assertEquals(1, finalEvaluations().size(), "final EvaluationCompleted events: " + finalEvaluations());
        EvaluationCompleted test = finalEvaluations().get(0);
        assertEquals("test", test.getSplit());
        assertEquals(ended.getRunId(), test.getRunId());
        assertEquals(finished().get(0).getLastCheckpoint().getModel(), test.getModel(), "the last checkpoint on test");
        assertEquals(checkpoints().size() + 1, distinct(evaluations).size(),
                "every evaluation of the run (distinct ce_id)");
    }

    /**
     * One record per {@code ce_id}, in first-seen order; copies of a record (a redelivery) must carry the same
     * payload, since the same id with another content would be a second event under a reused id.
     */
    static <V extends Message> List<V> distinct(Collection<TopicRecord<V>> records) {
        Map<String, V> byId = new LinkedHashMap<>();
        for (TopicRecord<V> record : records) {
            String id = record.headers().get("ce_id");
            assertNotNull(id, "a record without ce_id: " + record);
            V seen = byId.putIfAbsent(id, record.value());
            if (seen != null) {
                assertEquals(seen, record.value(), "two records with ce_id " + id + " but different payloads");
            }
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * Checks the CloudEvents binary-mode headers of every record: {@code ce_specversion} 1.0, a {@code ce_id}, a
     * {@code ce_source}, {@code ce_type} as {@code typeOf} says, an RFC 3339 {@code ce_time}, and {@code ce_subject}
     * equal to the record key.
     */
    static <V> void assertCloudEvents(Collection<TopicRecord<V>> records, Function<V, String> typeOf) {
        assertFalse(records.isEmpty(), "no records to check");
        for (TopicRecord<V> record : records) {
            Map<String, String> h = record.headers();
            String what = "headers " + h + " of a record keyed " + record.key();
            assertEquals("1.0", h.get("ce_specversion"), what);
            assertTrue(h.get("ce_id") != null && !h.get("ce_id").isBlank(), what);
            assertTrue(h.get("ce_source") != null && !h.get("ce_source").isBlank(), what);
            assertEquals(typeOf.apply(record.value()), h.get("ce_type"), what);
            assertNotNull(OffsetDateTime.parse(h.get("ce_time")), what);
            assertEquals(record.key(), h.get("ce_subject"), what);
        }
    }

    /** {@return the CloudEvents type a training event must carry} */
    static String typeOf(TrainingEvent event) {
        return switch (event.getKindCase()) {
            case STARTED -> "io.mdfe.training.TrainingStarted.v1";
            case CHECKPOINT_SAVED -> "io.mdfe.training.CheckpointSaved.v1";
            case FINISHED -> "io.mdfe.training.TrainingFinished.v1";
            case FAILED -> "io.mdfe.training.TrainingFailed.v1";
            default -> "no kind";
        };
    }

    /** {@return the CloudEvents type an evaluation event must carry} */
    static String typeOf(EvaluationEvent event) {
        return event.hasCompleted() ? "io.mdfe.evaluation.EvaluationCompleted.v1" : "no kind";
    }
}
