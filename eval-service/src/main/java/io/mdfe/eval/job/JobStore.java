package io.mdfe.eval.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.CorruptFiles;
import io.mdfe.core.io.Leftovers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jobs' files under the state directory, each {@code job.json} written atomically ({@link AtomicFiles}:
 * temporary sibling, fsync, rename), so a crash leaves either the old or the new state:
 *
 * <pre>
 * &lt;state-dir&gt;/jobs/&lt;id&gt;/job.json      the job ({@link EvaluationJob}, results included)
 * &lt;state-dir&gt;/jobs/&lt;id&gt;/results.csv   its reports, written before job.json says SUCCEEDED
 * &lt;state-dir&gt;/jobs/&lt;id&gt;/results.png
 * </pre>
 */
public class JobStore {

    /** The job file's top level; {@code formatVersion} lets a later release migrate old files. */
    record JobFile(int formatVersion, EvaluationJob job) {
    }

    /**
     * Where one job's reports go.
     *
     * @param csv one row per domain plus the mean
     * @param png a bar chart of the metrics per domain
     */
    public record Reports(Path csv, Path png) {
    }

    private static final int FORMAT_VERSION = 1;
    private static final String JOB_FILE = "job.json";

    private final Path jobsDir;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /**
     * Creates a store; nothing is read or written yet.
     *
     * @param stateDir the state directory, created on first write
     */
    public JobStore(Path stateDir) {
        this.jobsDir = stateDir.resolve("jobs");
    }

    /**
     * Reads every saved job, oldest submission first, after cleaning what interrupted writes left
     * ({@link Leftovers}). A job directory without {@code job.json} (a crash before its first write) is
     * skipped; a corrupt {@code job.json} is moved aside with a warning and the other jobs load.
     *
     * @return the jobs
     * @throws UncheckedIOException naming a file that cannot be listed, cleaned or moved aside
     * @throws IllegalStateException for a job file of another format version
     */
    public List<EvaluationJob> loadAll() {
        if (!Files.isDirectory(jobsDir)) {
            return List.of();
        }
        List<EvaluationJob> jobs = new ArrayList<>();
        try {
            Leftovers.recover(jobsDir, 2);
            List<Path> files;
            try (Stream<Path> dirs = Files.list(jobsDir)) {
                files = dirs.map(d -> d.resolve(JOB_FILE)).filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                try {
                    jobs.add(read(file));
                } catch (IOException e) {
                    CorruptFiles.quarantine(file, e, "evaluation job " + file.getParent().getFileName()
                            + " (its state and results)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the jobs in " + jobsDir, e);
        }
        jobs.sort(Comparator.comparing(EvaluationJob::submitted).thenComparing(EvaluationJob::id));
        return jobs;
    }

    /**
     * Replaces the job's saved state.
     *
     * @param job the job
     */
    public void save(EvaluationJob job) {
        Path file = jobDir(job.id()).resolve(JOB_FILE);
        try {
            AtomicFiles.write(file, out -> json.writeValue(out, new JobFile(FORMAT_VERSION, job)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * {@return where the job's reports go, next to its state}
     *
     * @param jobId the job
     */
    public Reports reports(String jobId) {
        Path dir = jobDir(jobId);
        return new Reports(dir.resolve("results.csv"), dir.resolve("results.png"));
    }

    private Path jobDir(String jobId) {
        return jobsDir.resolve(jobId);
    }

    private EvaluationJob read(Path file) throws IOException {
        JobFile saved = json.readValue(file.toFile(), JobFile.class);
        if (saved == null || saved.job() == null) {
            throw new IOException("no job in it");
        }
        if (saved.formatVersion() != FORMAT_VERSION) {
            throw new IllegalStateException(file + " has format version " + saved.formatVersion()
                    + "; this service reads " + FORMAT_VERSION);
        }
        return saved.job();
    }
}
