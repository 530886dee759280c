package io.mdfe.data.dataset.interim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdfe.data.dataset.DatasetLayout;
import io.mdfe.data.dataset.DatasetReadException;
import io.mdfe.data.dataset.DatasetReadException.Problem;
import io.mdfe.data.dataset.DatasetSample;
import io.mdfe.data.dataset.LoadedDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Stand-in for {@code io.mdfe.core.data.dataset.TrainingSet} and {@code DatasetFormat} until they land,
 * with the same semantics: each set's original labels are remapped to {@code 0..C-1} in sorted order
 * (numeric when all are integers) and offset by the classes of the sets before it; the fingerprint is the
 * sha256 of the annotation files' bytes in set order. Delete with this package on the switch described in
 * {@link io.mdfe.data.dataset.DatasetReader}.
 */
public final class InterimTrainingSet {

    private static final String CSV_SUFFIX = "_train.csv";
    private static final String CSV_HEADER = "img_path,label";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One annotation file's rows before label remapping. */
    private record RawSet(byte[] annotation, List<Path> images, List<String> labels) {
    }

    private InterimTrainingSet() {
    }

    /**
     * Detects the layout: UnED when {@code info_files/} exists, CSV when a {@code *_train.csv} does.
     *
     * @param root the dataset directory
     * @return the layout
     * @throws DatasetReadException when the root is missing or in neither layout
     */
    public static DatasetLayout detect(Path root) throws DatasetReadException {
        if (!Files.isDirectory(root)) {
            throw new DatasetReadException(Problem.MISSING, "dataset root " + root + " is not a directory", null);
        }
        if (Files.isDirectory(root.resolve("info_files"))) {
            return DatasetLayout.UNED;
        }
        try (Stream<Path> files = Files.list(root)) {
            if (files.anyMatch(f -> f.getFileName().toString().endsWith(CSV_SUFFIX))) {
                return DatasetLayout.CSV;
            }
        } catch (IOException e) {
            throw new DatasetReadException(Problem.MISSING, "cannot list " + root, e);
        }
        throw new DatasetReadException(Problem.MALFORMED,
                "dataset root " + root + " has neither info_files/ (UnED) nor a *" + CSV_SUFFIX + " (CSV)", null);
    }

    /**
     * Reads the training samples of the named sets.
     *
     * @param root the dataset directory
     * @param names CSV set names or UnED domains; empty for UnED means every domain with a train.json
     * @return the samples with remapped, offset labels
     * @throws DatasetReadException when an annotation file is missing or malformed
     */
    public static LoadedDataset open(Path root, List<String> names) throws DatasetReadException {
        boolean uned = detect(root) == DatasetLayout.UNED;
        List<String> sets = uned && names.isEmpty() ? unedDomains(root) : names;
        if (sets.isEmpty()) {
            throw new DatasetReadException(Problem.MALFORMED, "no annotation sets to read under " + root, null);
        }
        MessageDigest digest = sha256();
        List<DatasetSample> samples = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (String name : sets) {
            RawSet raw = uned ? readUned(root, name) : readCsv(root, name);
            digest.update(raw.annotation());
            Map<String, Integer> remap = sortedLabelIndex(raw.labels());
            int offset = counts.size();
            remap.keySet().forEach(label -> counts.add(0L));
            for (int i = 0; i < raw.images().size(); i++) {
                int label = offset + remap.get(raw.labels().get(i));
                counts.set(label, counts.get(label) + 1);
                samples.add(new DatasetSample(raw.images().get(i), label));
            }
        }
        return new LoadedDataset(samples, counts.size(), HexFormat.of().formatHex(digest.digest()),
                counts.stream().mapToLong(Long::longValue).toArray());
    }

    private static RawSet readCsv(Path root, String name) throws DatasetReadException {
        Path file = root.resolve(name + CSV_SUFFIX);
        byte[] bytes = readAnnotation(file);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().replace("\uFEFF", "").equals(CSV_HEADER)) {
            throw new DatasetReadException(Problem.MALFORMED, file + ": first line must be '" + CSV_HEADER + "'", null);
        }
        List<Path> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            // The label never contains a comma; a path may.
            int comma = line.lastIndexOf(',');
            if (comma <= 0 || comma == line.length() - 1) {
                throw new DatasetReadException(Problem.MALFORMED,
                        file + ":" + (i + 1) + ": expected img_path,label but got '" + line + "'", null);
            }
            images.add(root.resolve(line.substring(0, comma)));
            labels.add(line.substring(comma + 1).strip());
        }
        return new RawSet(bytes, images, labels);
    }

    private static RawSet readUned(Path root, String domain) throws DatasetReadException {
        Path file = root.resolve("info_files").resolve(domain).resolve("train.json");
        byte[] bytes = readAnnotation(file);
        JsonNode items;
        try {
            items = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new DatasetReadException(Problem.MALFORMED, file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (items == null || !items.isArray()) {
            throw new DatasetReadException(Problem.MALFORMED, file + ": expected a JSON list of {path, class_id}", null);
        }
        Path images = root.resolve("images").resolve(domain);
        List<Path> paths = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode path = items.get(i).get("path");
            JsonNode classId = items.get(i).get("class_id");
            if (path == null || !path.isTextual() || classId == null || !classId.canConvertToInt()) {
                throw new DatasetReadException(Problem.MALFORMED,
                        file + ": item " + i + " needs a string path and a single integer class_id", null);
            }
            paths.add(images.resolve(path.asText()));
            labels.add(classId.asText());
        }
        return new RawSet(bytes, paths, labels);
    }

    private static List<String> unedDomains(Path root) throws DatasetReadException {
        Path infoFiles = root.resolve("info_files");
        try (Stream<Path> domains = Files.list(infoFiles)) {
            return domains.filter(d -> Files.isRegularFile(d.resolve("train.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new DatasetReadException(Problem.MISSING, "cannot list " + infoFiles, e);
        }
    }

    private static byte[] readAnnotation(Path file) throws DatasetReadException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetReadException(Problem.MISSING, "annotation file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new DatasetReadException(Problem.MALFORMED, "cannot read annotation file " + file, e);
        }
    }

    /** Original label -> index in sorted order; numeric order when every label is an integer. */
    private static Map<String, Integer> sortedLabelIndex(List<String> labels) {
        boolean numeric = labels.stream().allMatch(l -> l.matches("-?\\d{1,18}"));
        Comparator<String> order = numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
        Map<String, Integer> index = new TreeMap<>(order);
        labels.forEach(label -> index.put(label, 0));
        int next = 0;
        for (Map.Entry<String, Integer> entry : index.entrySet()) {
            entry.setValue(next++);
        }
        return index;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
