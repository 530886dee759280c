package io.mdfe.core.data.uned;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mdfe.core.data.dataset.DatasetException;

/**
 * A UnED data root: {@code info_files/<domain>/<split>.json} annotations and {@code images/<domain>/...}
 * files (annotated paths are relative to {@code images/}). Gives each domain's items, its train
 * split as a training source, and the val/test benchmarks' retrieval tasks.
 */
public final class UnedDataset {

    /** Folder of the annotation files under the root. */
    public static final String INFO_DIR = "info_files";
    /** Folder of the images under the root. */
    public static final String IMAGES_DIR = "images";

    private final Path root;
    private final DomainCatalog catalog;

    private UnedDataset(Path root, DomainCatalog catalog) {
        this.root = root;
        this.catalog = catalog;
    }

    /**
     * Opens the UnED-layout data under {@code root} and finds its domains (see {@link DomainCatalog}):
     * every folder under {@code info_files/}, the eight UnED domains with their table entry, any other
     * with id 8+ in sorted name order and the splits {@code domains.yaml} or the files present give.
     *
     * @throws DatasetException when {@code root/info_files} is not a folder, a folder there is not a
     *                          usable domain name, or {@code domains.yaml} is malformed
     */
    public static UnedDataset open(Path root) {
        if (!isUnedRoot(root)) {
            throw new DatasetException(root + ": not a UnED data root: " + root.resolve(INFO_DIR) + " is not a folder");
        }
        return new UnedDataset(root, DomainCatalog.discover(root));
    }

    /** {@return true when {@code root} has an {@code info_files} folder} */
    public static boolean isUnedRoot(Path root) {
        return Files.isDirectory(root.resolve(INFO_DIR));
    }

    /** {@return the data root} */
    public Path root() {
        return root;
    }

    /**
     * {@return every domain of the folder (each folder under {@code info_files/}), in domain-id order;
     * whether one is usable is checked when it is used, naming it and why}
     */
    public List<UnedDomain> domainsOnDisk() {
        return catalog.domains();
    }

    /**
     * {@return the domain called {@code name}}
     *
     * @throws DatasetException when the name is not a domain name, or the domain is not on disk (naming
     *                          the folder tried and the domains there)
     */
    public UnedDomain domain(String name) {
        UnedDomains.requireValidName(name, "");
        UnedDomain domain = catalog.find(name).orElseThrow(() -> DatasetException.missing("UnED domain '" + name
                + "' is not on disk: " + root.resolve(INFO_DIR).resolve(name) + " is not a folder; domains on disk: "
                + catalog.names()));
        requireOnDisk(domain);
        return domain;
    }

    /**
     * {@return the items of {@code info_files/<domain>/<split>.json}, in file order}
     *
     * @param split one of {@link UnedDomains#SPLIT_FILES}
     * @throws DatasetException when the split is not a UnED split, the file is missing or malformed
     */
    public List<UnedItem> items(UnedDomain domain, String split) {
        return read(domain, split).items();
    }

    /**
     * {@return the domain's train split as a training source named {@code uned:<domain>}}
     *
     * @param multiLabel what to do with items of several class ids
     */
    public UnedTrainSource trainSource(UnedDomain domain, MultiLabelPolicy multiLabel) {
        return new UnedTrainSource(domain, read(domain, "train"), multiLabel);
    }

    /**
     * Builds the retrieval tasks of a benchmark.
     *
     * @param split    val or test: which query and index files each domain uses ({@link UnedDomain#splits})
     * @param protocol merged (one task) or separate (one per domain)
     * @param domains  domain names; empty means every domain on disk. Evaluated in domain-id order.
     * @throws DatasetException when a domain is unknown or not on disk, or when no domain is on disk
     */
    public EvaluationSet evaluation(UnedSplit split, UnedProtocol protocol, List<String> domains) {
        List<UnedDomain> chosen = chooseDomains(domains);
        List<RetrievalTask> perDomain = new ArrayList<>();
        for (UnedDomain domain : chosen) {
            QueryIndexSplits files = domain.splits(split);
            requireBenchmarkFiles(domain, split, files);
            List<UnedItem> queries = items(domain, files.query());
            List<UnedItem> index = files.queryIsIndex() ? queries : items(domain, files.index());
            perDomain.add(new RetrievalTask(domain.name(), queries, index, files.queryIsIndex(),
                    Map.of(domain.id(), domain.name())));
        }
        List<RetrievalTask> tasks = protocol == UnedProtocol.SEPARATE
                ? perDomain
                : List.of(RetrievalTask.concat(RetrievalTask.MERGED, perDomain));
        return new EvaluationSet(split, protocol, chosen, tasks);
    }

    /**
     * A domain whose benchmark files are missing cannot be evaluated: an error naming the domain, the
     * file and the rule that chose it, never a domain left out of the mean.
     */
    private void requireBenchmarkFiles(UnedDomain domain, UnedSplit split, QueryIndexSplits files) {
        requireOnDisk(domain);
        for (String file : files.queryIsIndex() ? List.of(files.query()) : List.of(files.query(), files.index())) {
            Path path = root.resolve(INFO_DIR).resolve(domain.name()).resolve(file + ".json");
            if (!Files.isRegularFile(path)) {
                throw DatasetException.missing("domain '" + domain.name() + "' cannot be evaluated on the "
                        + split.name().toLowerCase(Locale.ROOT) + " split (" + files + ", "
                        + catalog.origin(domain, split) + "): " + path + " is missing; add it, declare the "
                        + "domain's splits in " + root.resolve(DomainDeclarations.FILE)
                        + ", or leave the domain out of the evaluated domains");
            }
        }
    }

    private List<UnedDomain> chooseDomains(List<String> names) {
        if (names.isEmpty()) {
            List<UnedDomain> onDisk = domainsOnDisk();
            if (onDisk.isEmpty()) {
                throw DatasetException.missing(root.resolve(INFO_DIR) + ": no domain on disk; expected folders "
                        + INFO_DIR + "/<domain> (with " + IMAGES_DIR + "/<domain>), e.g. "
                        + UnedDomains.all().stream().map(UnedDomain::name).collect(Collectors.joining(", ")));
            }
            return onDisk;
        }
        TreeSet<UnedDomain> byId = new TreeSet<>((a, b) -> Integer.compare(a.id(), b.id()));
        names.forEach(name -> byId.add(domain(name)));
        return List.copyOf(byId);
    }

    private UnedInfoFile read(UnedDomain domain, String split) {
        if (!UnedDomains.SPLIT_FILES.contains(split)) {
            throw new DatasetException("UnED domain '" + domain.name() + "': unknown split '" + split + "'; valid splits: "
                    + String.join(", ", new TreeSet<>(UnedDomains.SPLIT_FILES)));
        }
        requireOnDisk(domain);
        Path file = root.resolve(INFO_DIR).resolve(domain.name()).resolve(split + ".json");
        if (!Files.isRegularFile(file)) {
            throw DatasetException.missing("UnED domain '" + domain.name() + "': split '" + split + "' not found: " + file);
        }
        return UnedInfoFile.read(file, root.resolve(IMAGES_DIR), domain);
    }

    private void requireOnDisk(UnedDomain domain) {
        missingFolder(domain).ifPresent(missing -> {
            throw DatasetException.missing("UnED domain '" + domain.name() + "' is not on disk: " + missing + " is not a folder");
        });
    }

    /** {@return the first of the domain's info and image folders that is missing, if any} */
    private Optional<Path> missingFolder(UnedDomain domain) {
        return Stream.of(INFO_DIR, IMAGES_DIR).map(dir -> root.resolve(dir).resolve(domain.name()))
                .filter(folder -> !Files.isDirectory(folder)).findFirst();
    }
}
