package io.mdfe.core.data.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdfe.core.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes the deterministic synthetic demo set: the same images described in both real formats.
 *
 * <pre>
 * &lt;dir&gt;/
 *   demo_train.csv                       M4D format: img_path,label (paths relative to &lt;dir&gt;)
 *   info_files/&lt;domain&gt;/&lt;split&gt;.json     UnED format: [{"path", "class_id"}] (paths relative to images/)
 *   images/&lt;domain&gt;/&lt;split&gt;/&lt;class&gt;/NNN.jpg|png
 *   images/&lt;domain&gt;/test/multi/NNN.jpg  two-landmark queries (gldv2), class_id a list
 * </pre>
 *
 * <p>The CSV is the union of the UnED {@code train} splits and points at the same files
 * ({@code images/<domain>/train/...}), so the two formats never disagree and no image is stored twice.
 * A CSV label is the class's id, which is also its UnED {@code class_id} in every split; see
 * {@link DemoPlan} for how ids are assigned. Domains and protocols: {@link DemoDomain}.
 *
 * <p>Same seed and scale, same bytes: every class design and every image draws from its own random
 * stream keyed by name ({@link Seeds}), so the rendering threads may run in any order. The whole
 * directory appears at once, through {@link AtomicFiles#writePath}.
 */
public final class DemoDataGenerator {

    /** The training CSV's file name: {@code DATASET.names: [demo]} reads {@code <root>/demo_train.csv}. */
    public static final String CSV_NAME = "demo_train.csv";

    private final long seed;
    private final DemoScale scale;
    private final int threads;

    /** A generator for {@code seed} and {@code scale}, rendering on {@code threads} threads. */
    public DemoDataGenerator(long seed, DemoScale scale, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.seed = seed;
        this.scale = scale;
        this.threads = threads;
    }

    /**
     * Writes the set to {@code dir}.
     *
     * @param force replace a non-empty {@code dir}; without it such a dir is an error
     * @throws FileAlreadyExistsException when {@code dir} is non-empty and {@code force} is off, or a file
     */
    public DemoSummary write(Path dir, boolean force) throws IOException {
        AtomicFiles.requireEmptyOrAbsent(dir, force, "--force");
        long start = System.nanoTime();
        DemoPlan plan = DemoPlan.of(scale);
        List<DemoItem> items = plan.items();
        long[] filesAndBytes = new long[2];
        AtomicFiles.writePath(dir, tmp -> {
            Path images = tmp.resolve("images");
            renderAll(items, images);
            writeCsv(items, tmp.resolve(CSV_NAME));
            writeInfoFiles(items, tmp.resolve("info_files"));
            try (Stream<Path> walk = Files.walk(tmp)) {
                for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    filesAndBytes[0]++;
                    filesAndBytes[1] += Files.size(f);
                }
            }
        });
        int csvRows = (int) items.stream().filter(i -> i.split().equals("train")).count();
        return new DemoSummary(dir, seed, plan.trainingClasses(), csvRows, DemoSummary.count(items),
                (int) filesAndBytes[0], filesAndBytes[1], Duration.ofNanos(System.nanoTime() - start));
    }

    private void renderAll(List<DemoItem> items, Path images) throws IOException {
        // folders first, from one thread: the workers then only create files
        for (DemoItem item : items) {
            Files.createDirectories(images.resolve(item.path()).getParent());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (DemoItem item : items) {
                done.add(pool.submit(() -> {
                    writeImage(render(item), item.domain().extension(), images.resolve(item.path()));
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering the demo set", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@return the image of {@code item}: its classes' designs in a fresh random scene} */
    BufferedImage render(DemoItem item) {
        DemoDomain d = item.domain();
        List<Motif.Look> looks = item.classIds().stream()
                .map(c -> d.motif().design(Seeds.stream(seed, "class/" + d.unedName() + "/" + c)))
                .toList();
        return SceneRenderer.render(looks, d.width(), d.height(), d.maxRotationDeg(),
                Seeds.stream(seed, "image/" + item.path()));
    }

    private static void writeImage(BufferedImage image, String format, Path file) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
    }

    private static void writeCsv(List<DemoItem> items, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("img_path,label\n");
        for (DemoItem item : items) {
            if (item.split().equals("train")) {
                sb.append("images/").append(item.path()).append(',').append(item.classIds().get(0)).append('\n');
            }
        }
        Files.writeString(csv, sb);
    }

    /** One json per domain and split: a list of {path, class_id}, class_id an int or, for multi-label items, a list. */
    private static void writeInfoFiles(List<DemoItem> items, Path infoFiles) throws IOException {
        Map<String, List<Map<String, Object>>> files = new LinkedHashMap<>();
        for (DemoItem item : items) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", item.path());
            entry.put("class_id", item.multiLabel() ? item.classIds() : item.classIds().get(0));
            files.computeIfAbsent(item.domain().unedName() + "/" + item.split() + ".json", k -> new ArrayList<>())
                    .add(entry);
        }
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, List<Map<String, Object>>> f : files.entrySet()) {
            Path file = infoFiles.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            json.writeValue(file.toFile(), f.getValue());
        }
    }
}
