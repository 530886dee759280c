package io.mdfe.core.data.uned;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mdfe.core.data.dataset.DatasetException;

/**
 * The domains of a UnED-layout folder: every folder under {@code info_files/} (hidden ones, whose
 * name starts with a dot, aside). The eight UnED domains keep their table entry ({@link UnedDomains}).
 * Any other domain gets id 8, 9, ... in sorted name order among the other domains of the folder, and
 * its benchmarks from {@code domains.yaml} when it declares them ({@link DomainDeclarations}), else
 * from the files present: {@code test -> index} when {@code index.json} exists, else
 * {@code test -> test} (the query's own entry removed); {@code val -> small_index} when
 * {@code small_index.json} exists, else {@code val -> val}.
 */
final class DomainCatalog {

    private final List<UnedDomain> domains;
    private final Map<String, String> origins;

    private DomainCatalog(List<UnedDomain> domains, Map<String, String> origins) {
        this.domains = List.copyOf(domains);
        this.origins = Map.copyOf(origins);
    }

    /**
     * Finds the domains of {@code root}.
     *
     * @throws DatasetException when a folder under {@code info_files/} is not a usable domain name, or
     *                          {@code domains.yaml} is malformed or declares a domain that has no folder
     */
    static DomainCatalog discover(Path root) {
        Path infoDir = root.resolve(UnedDataset.INFO_DIR);
        List<String> names = folders(infoDir);
        for (String name : names) {
            UnedDomains.requireValidName(name, infoDir + ": folder ");
        }
        DomainDeclarations declarations = DomainDeclarations.read(root);
        for (String declared : declarations.domains().keySet()) {
            if (!names.contains(declared)) {
                throw DatasetException.missing(root.resolve(DomainDeclarations.FILE) + ": key domains." + declared
                        + ": no folder " + infoDir.resolve(declared) + "; domains here: " + list(names));
            }
        }
        List<UnedDomain> found = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        int nextId = UnedDomains.FIRST_OTHER_ID;
        for (String name : names) {
            Optional<UnedDomain> table = UnedDomains.find(name);
            if (table.isPresent()) {
                found.add(table.get());
                origins.put(key(name, UnedSplit.VAL), "UnED table");
                origins.put(key(name, UnedSplit.TEST), "UnED table");
                continue;
            }
            DomainDeclarations.Declared declared = declarations.domains().get(name);
            Path folder = infoDir.resolve(name);
            QueryIndexSplits val = declared != null && declared.val() != null ? declared.val()
                    : inferred(folder, UnedDomains.VAL_SMALL_INDEX, UnedDomains.VAL_VAL);
            QueryIndexSplits test = declared != null && declared.test() != null ? declared.test()
                    : inferred(folder, UnedDomains.TEST_INDEX, UnedDomains.TEST_TEST);
            origins.put(key(name, UnedSplit.VAL), origin(declared != null && declared.val() != null, val));
            origins.put(key(name, UnedSplit.TEST), origin(declared != null && declared.test() != null, test));
            found.add(new UnedDomain(name, nextId++, val, test, false));
        }
        found.sort(Comparator.comparingInt(UnedDomain::id));
        return new DomainCatalog(found, origins);
    }

    /** {@return every domain, in domain-id order} */
    List<UnedDomain> domains() {
        return domains;
    }

    /** {@return the domain called {@code name}, if the folder has it} */
    Optional<UnedDomain> find(String name) {
        return domains.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** {@return the domain names, comma-separated, or "none"} */
    String names() {
        return list(domains.stream().map(UnedDomain::name).toList());
    }

    /** {@return why {@code domain}'s {@code split} benchmark uses its splits, e.g. "no index.json"} */
    String origin(UnedDomain domain, UnedSplit split) {
        return origins.getOrDefault(key(domain.name(), split), "UnED table");
    }

    /** The separate-index mapping when its index file is there, else the query split searched against itself. */
    private static QueryIndexSplits inferred(Path folder, QueryIndexSplits withIndex, QueryIndexSplits selfIndex) {
        return Files.isRegularFile(folder.resolve(withIndex.index() + ".json")) ? withIndex : selfIndex;
    }

    private static String origin(boolean declared, QueryIndexSplits splits) {
        if (declared) {
            return "declared in " + DomainDeclarations.FILE;
        }
        return splits.queryIsIndex() ? "no " + (splits.query().equals("val") ? "small_index" : "index") + ".json"
                : splits.index() + ".json present";
    }

    private static String key(String name, UnedSplit split) {
        return name + "/" + split;
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "none" : names.stream().collect(Collectors.joining(", "));
    }

    private static List<String> folders(Path infoDir) {
        try (Stream<Path> entries = Files.list(infoDir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(infoDir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
