package io.mdfe.cli.flow;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.events.TrainingFinished;
import io.mdfe.proto.events.TrainingStarted;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One readable line per event of the three topics: time, topic, kind, subject (the record key: dataset, run or
 * model id) and the event's key facts. A payload that does not decode is shown as such, never skipped.
 */
public final class EventFormatter {

    /** The data-service's topic. */
    public static final String DATASET_TOPIC = "mdfe.dataset-events";
    /** The trainer-service's topic. */
    public static final String TRAINING_TOPIC = "mdfe.training-events";
    /** The eval-service's topic. */
    public static final String EVALUATION_TOPIC = "mdfe.evaluation-events";
    /** Every event topic, in pipeline order. */
    public static final List<String> TOPICS = List.of(DATASET_TOPIC, TRAINING_TOPIC, EVALUATION_TOPIC);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private EventFormatter() {
    }

    /**
     * Formats one record.
     *
     * @param topic its topic
     * @param key its key (may be null)
     * @param value its protobuf payload
     * @param recordTime the broker's record time, used when the payload has no timestamp
     * @return one line
     */
    public static String format(String topic, String key, byte[] value, Instant recordTime) {
        String shortTopic = topic.startsWith("mdfe.") && topic.endsWith("-events")
                ? topic.substring(5, topic.length() - 7) : topic;
        try {
            Parsed parsed = switch (topic) {
                case DATASET_TOPIC -> dataset(DatasetEvent.parseFrom(value));
                case TRAINING_TOPIC -> training(TrainingEvent.parseFrom(value));
                case EVALUATION_TOPIC -> evaluation(EvaluationEvent.parseFrom(value));
                default -> new Parsed(null, "unknown", value.length + " bytes");
            };
            Instant time = parsed.time() == null || parsed.time().getSeconds() == 0 ? recordTime
                    : Instant.ofEpochSecond(parsed.time().getSeconds(), parsed.time().getNanos());
            return line(time, shortTopic, parsed.kind(), key, parsed.facts());
        } catch (InvalidProtocolBufferException e) {
            return line(recordTime, shortTopic, "undecodable", key, value.length + " bytes: " + e.getMessage());
        }
    }

    private static String line(Instant time, String topic, String kind, String key, String facts) {
        return String.format(Locale.ROOT, "%s  %-10s  %-16s  %-24s  %s", TIME.format(time), topic, kind,
                key == null ? "-" : key, facts).stripTrailing();
    }

    private record Parsed(Timestamp time, String kind, String facts) {
    }

    private static Parsed dataset(DatasetEvent event) {
        return switch (event.getKindCase()) {
            case REGISTERED -> new Parsed(event.getTimestamp(), "registered", datasetFacts(event.getRegistered()
                    .getDataset()));
            case UPDATED -> new Parsed(event.getTimestamp(), "updated", datasetFacts(event.getUpdated().getDataset())
                    + " previous=" + shortVersion(event.getUpdated().getPreviousVersion()));
            default -> new Parsed(event.getTimestamp(), "unknown-kind", "");
        };
    }

    private static String datasetFacts(DatasetInfo d) {
        return "version=" + shortVersion(d.getRef().getVersion()) + " samples=" + d.getNumSamples() + " classes="
                + d.getNumClasses() + " format=" + d.getFormat().name().replace("DATASET_FORMAT_", "").toLowerCase(
                Locale.ROOT) + " root=" + d.getRoot();
    }

    private static Parsed training(TrainingEvent event) {
        return switch (event.getKindCase()) {
            case STARTED -> {
                TrainingStarted s = event.getStarted();
                yield new Parsed(event.getTimestamp(), "started", "recipe=" + (s.getRecipe().isEmpty() ? "-"
                        : s.getRecipe()) + " dataset=" + s.getDataset().getDatasetId() + "@"
                        + shortVersion(s.getDataset().getVersion()) + " steps=" + s.getTotalSteps()
                        + (s.getStartStep() > 0 ? " resumed-at=" + s.getStartStep() : ""));
            }
            case CHECKPOINT_SAVED -> new Parsed(event.getTimestamp(), "checkpoint-saved",
                    checkpointFacts(event.getCheckpointSaved()));
            case FINISHED -> {
                TrainingFinished f = event.getFinished();
                yield new Parsed(event.getTimestamp(), "finished", "steps=" + f.getSteps() + String.format(Locale.ROOT,
                        " loss=%.4f", f.getFinalLoss()) + " last=" + f.getLastCheckpoint().getModel().getVersion());
            }
            case FAILED -> new Parsed(event.getTimestamp(), "failed", "step=" + event.getFailed().getStep()
                    + " reason=\"" + event.getFailed().getReason() + "\"");
            default -> new Parsed(event.getTimestamp(), "unknown-kind", "");
        };
    }

    private static String checkpointFacts(CheckpointSaved c) {
        return "model=" + c.getModel().getModelId() + "@" + c.getModel().getVersion() + " step=" + c.getStep()
                + " epoch=" + c.getEpoch() + " dim=" + c.getEmbeddingDim();
    }

    private static Parsed evaluation(EvaluationEvent event) {
        if (event.getKindCase() != EvaluationEvent.KindCase.COMPLETED) {
            return new Parsed(event.getTimestamp(), "unknown-kind", "");
        }
        EvaluationCompleted c = event.getCompleted();
        StringBuilder facts = new StringBuilder();
        facts.append("trigger=").append(c.getTrigger().isEmpty() ? "-" : c.getTrigger())
                .append(" model=").append(c.getModel().getModelId()).append('@').append(c.getModel().getVersion())
                .append(" split=").append(c.getSplit())
                .append(" index=").append(c.getIndexBackend().isEmpty() ? "exact" : c.getIndexBackend());
        for (Map.Entry<String, Double> m : c.getMeanMap().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .toList()) {
            facts.append(String.format(Locale.ROOT, " %s=%.4f", m.getKey(), m.getValue()));
        }
        if (c.hasRecallAt1()) {
            facts.append(String.format(Locale.ROOT, " recall@1-vs-exact=%.4f", c.getRecallAt1()));
        }
        if (!c.getReportUri().isEmpty()) {
            facts.append(" report=").append(c.getReportUri());
        }
        return new Parsed(event.getTimestamp(), "completed", facts.toString());
    }

    /** Dataset versions are sha256 fingerprints: 12 hex digits identify them in a line. */
    private static String shortVersion(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }
}
