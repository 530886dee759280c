package io.mdfe.trainer.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mdfe.trainer.run.WorkerEvent;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The line protocol between a {@link TrainingWorker} and the {@link LocalProcessLauncher}: each
 * {@link WorkerEvent} is one line of JSON on the worker's standard output. A loss can be NaN or infinite on
 * its way to a non-finite-loss failure, so non-numeric numbers are allowed both ways.
 */
public final class WorkerProtocol {

    private final ObjectMapper json = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /**
     * @param event a report
     * @return its line, without the line break
     */
    public String encode(WorkerEvent event) {
        try {
            return json.writerFor(WorkerEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + event, e);
        }
    }

    /**
     * @param line one line of a worker's output
     * @return its report; empty when the line is not one (so stray output cannot break a run)
     */
    public Optional<WorkerEvent> decode(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(line, WorkerEvent.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
