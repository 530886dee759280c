package io.mdfe.core.data.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.mdfe.core.data.uned.MultiLabelPolicy;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedDomain;
import io.mdfe.core.data.uned.UnedTrainSource;

/**
 * The datasets of {@code DATASET.names} combined into one label space, as upstream does: each
 * source's labels are offset by the number of classes of the sources before it.
 *
 * <p>Names: {@code uned} is the train split of every domain of the UnED-layout folder (each folder
 * under {@code info_files/}), each its own source ({@code uned:<domain>}), in domain-id order; {@code uned:<domain>} is one domain; any other
 * name is the CSV set {@code <root>/<name>_train.csv}.
 */
public final class TrainingSet {

    /** The DATASET.names entry for every UnED domain on disk. */
    public static final String UNED = "uned";

    private final List<DatasetSource> sources;
    private final Map<String, Integer> offsets;
    private final List<TrainingSample> samples;
    private final int numClasses;

    private TrainingSet(List<Entry> entries) {
        List<DatasetSource> all = new ArrayList<>();
        Map<String, Integer> offsetByName = new HashMap<>();
        Set<String> entryNames = new HashSet<>();
        Set<String> sourceNames = new HashSet<>();
        List<TrainingSample> combined = new ArrayList<>();
        int offset = 0;
        for (Entry entry : entries) {
            if (!entryNames.add(entry.name())) {
                throw new DatasetException("DATASET.names lists '" + entry.name() + "' twice");
            }
            offsetByName.put(entry.name(), offset);
            for (DatasetSource source : entry.sources()) {
                if (!sourceNames.add(source.name())) {
                    throw new DatasetException("DATASET.names includes dataset '" + source.name() + "' twice (again via '"
                            + entry.name() + "')");
                }
                offsetByName.put(source.name(), offset);
                all.add(source);
                for (TrainingSample sample : source.samples()) {
                    combined.add(sample.withLabelOffset(offset));
                }
                offset = Math.addExact(offset, source.numClasses());
            }
        }
        if (combined.isEmpty()) {
            throw new DatasetException("DATASET.names " + entries.stream().map(Entry::name).toList() + ": no samples");
        }
        this.sources = List.copyOf(all);
        this.offsets = Map.copyOf(offsetByName);
        this.samples = List.copyOf(combined);
        this.numClasses = offset;
    }

    /**
     * Opens and combines the datasets {@code names} (DATASET.names) under {@code root}, in order.
     *
     * @throws DatasetException when {@code names} is empty, a name cannot be resolved (listing what
     *                          was tried and which names {@code root} offers), an annotation file is
     *                          malformed, or a dataset appears twice
     */
    public static TrainingSet open(Path root, List<String> names) {
        return open(root, names, MultiLabelPolicy.ERROR);
    }

    /**
     * Opens and combines the datasets {@code names} (DATASET.names) under {@code root}, in order.
     *
     * @param multiLabel what to do with UnED train items of several class ids (DATASET.multi_label)
     * @throws DatasetException as {@link #open(Path, List)}, and for a multi-label item under
     *                          {@link MultiLabelPolicy#ERROR}
     */
    public static TrainingSet open(Path root, List<String> names, MultiLabelPolicy multiLabel) {
        if (names.isEmpty()) {
            throw new DatasetException("DATASET.names is empty; name at least one dataset, e.g. m4d-35k or uned");
        }
        List<Entry> entries = new ArrayList<>();
        for (String name : names) {
            try {
                entries.add(new Entry(name, resolve(root, name, multiLabel)));
            } catch (DatasetException e) {
                throw e.withContext("DATASET.names entry '" + name + "': ");
            }
        }
        return new TrainingSet(entries);
    }

    /** {@return the given sources combined in order, each its own DATASET.names entry} */
    public static TrainingSet of(List<? extends DatasetSource> sources) {
        return new TrainingSet(sources.stream().map(s -> new Entry(s.name(), List.<DatasetSource>of(s))).toList());
    }

    private static List<DatasetSource> resolve(Path root, String name, MultiLabelPolicy multiLabel) {
        if (name.equals(UNED)) {
            UnedDataset uned = UnedDataset.open(root);
            List<UnedDomain> domains = uned.domainsOnDisk();
            if (domains.isEmpty()) {
                throw DatasetException.missing("no domain on disk: " + root.resolve(UnedDataset.INFO_DIR)
                        + " has no folder <domain>");
            }
            // every domain trains, or the run stops naming the one that cannot: none is left out quietly
            List<DatasetSource> sources = new ArrayList<>();
            for (UnedDomain domain : domains) {
                try {
                    sources.add(uned.trainSource(uned.domain(domain.name()), multiLabel));
                } catch (DatasetException e) {
                    throw e.withContext("domain '" + domain.name() + "' cannot be trained on (name uned:<domain> "
                            + "entries to choose domains): ");
                }
            }
            return sources;
        }
        if (name.startsWith(UnedTrainSource.NAME_PREFIX)) {
            UnedDataset uned = UnedDataset.open(root);
            return List.of(uned.trainSource(uned.domain(name.substring(UnedTrainSource.NAME_PREFIX.length())),
                    multiLabel));
        }
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new DatasetException("not a dataset name; names are file-name stems like m4d-35k, or uned, uned:<domain>");
        }
        Path file = CsvDataset.annotationFile(root, name);
        if (!Files.isRegularFile(file)) {
            throw DatasetException.missing("tried " + file + " (not found); available in " + root + ": " + availableNames(root));
        }
        return List.of(CsvDataset.open(root, name));
    }

    /** {@return the DATASET.names entries {@code root} offers, comma-separated, or "none"} */
    private static String availableNames(Path root) {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.list(root)) {
                files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(CsvDataset.FILE_SUFFIX))
                        .map(f -> f.substring(0, f.length() - CsvDataset.FILE_SUFFIX.length())).sorted().forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(root + ": cannot list: " + e.getMessage(), e);
            }
        }
        if (UnedDataset.isUnedRoot(root)) {
            List<UnedDomain> domains = UnedDataset.open(root).domainsOnDisk();
            if (!domains.isEmpty()) {
                names.add(UNED);
                domains.forEach(d -> names.add(UnedTrainSource.NAME_PREFIX + d.name()));
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** {@return every sample, labels offset into the combined label space} */
    public List<TrainingSample> samples() {
        return samples;
    }

    /** {@return the total number of classes over all sources} */
    public int numClasses() {
        return numClasses;
    }

    /** {@return the combined dataset version (see {@link Fingerprints#combine})} */
    public String fingerprint() {
        return Fingerprints.combine(sources);
    }

    /** {@return the sources in label order} */
    public List<DatasetSource> sources() {
        return sources;
    }

    /** {@return the number of samples of each combined label, from the annotations alone} */
    public long[] classCounts() {
        long[] counts = new long[numClasses];
        for (TrainingSample sample : samples) {
            counts[sample.label()]++;
        }
        return counts;
    }

    /**
     * {@return the first combined label of a source ({@code uned:cars}) or DATASET.names entry
     * ({@code uned}: its first domain)}
     *
     * @throws DatasetException naming the known names when {@code name} is neither
     */
    public int labelOffset(String name) {
        Integer offset = offsets.get(name);
        if (offset == null) {
            throw new DatasetException("no dataset '" + name + "' in this training set; known: "
                    + String.join(", ", knownNames()));
        }
        return offset;
    }

    private List<String> knownNames() {
        return offsets.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** One DATASET.names entry and the sources it resolved to. */
    private record Entry(String name, List<DatasetSource> sources) {}
}
