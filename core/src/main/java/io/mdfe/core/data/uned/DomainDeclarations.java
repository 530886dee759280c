package io.mdfe.core.data.uned;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import io.mdfe.core.data.dataset.DatasetException;

/**
 * The optional {@code domains.yaml} of a data folder: each listed domain's val and/or test
 * query -> index splits, for when the files present do not say it (see {@link DomainCatalog}):
 * <pre>
 * domains:
 *   icons:
 *     val:  {query: val, index: val}
 *     test: {query: test, index: index}
 * </pre>
 * Read strictly: an unknown key, a split that is not a split file name, a duplicate key or a
 * domain of the UnED table (whose splits are fixed) is an error naming the file and the key.
 */
record DomainDeclarations(Map<String, Declared> domains) {

    /** The file name, in the data folder beside {@code info_files/}. */
    static final String FILE = "domains.yaml";

    /** What one domain declares; a null benchmark keeps the rule of the files present. */
    record Declared(QueryIndexSplits val, QueryIndexSplits test) {}

    DomainDeclarations {
        domains = Map.copyOf(domains);
    }

    /** {@return the declarations of {@code root/domains.yaml}, none when the file does not exist} */
    static DomainDeclarations read(Path root) {
        Path file = root.resolve(FILE);
        if (!Files.exists(file)) {
            return new DomainDeclarations(Map.of());
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses the text of a {@code domains.yaml}; {@code where} names it in errors. */
    static DomainDeclarations parse(String text, String where) {
        Object top = load(text, where);
        if (top == null) {
            return new DomainDeclarations(Map.of());
        }
        Map<?, ?> root = mapping(top, where, "the top level", "domains: {<name>: {val: ..., test: ...}}");
        onlyKeys(root, Set.of("domains"), where, "");
        Object listed = root.get("domains");
        if (listed == null) {
            return new DomainDeclarations(Map.of());
        }
        Map<String, Declared> domains = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : mapping(listed, where, "domains", "<name>: {val: ..., test: ...}").entrySet()) {
            String name = String.valueOf(entry.getKey());
            String key = "domains." + name;
            UnedDomains.requireValidName(name, where + ": key " + key + ": ");
            if (UnedDomains.find(name).isPresent()) {
                throw new DatasetException(where + ": key " + key + ": '" + name + "' is a UnED domain, whose splits "
                        + "are fixed by the UnED table; declare only other domains");
            }
            Map<?, ?> benchmarks = entry.getValue() == null ? Map.of()
                    : mapping(entry.getValue(), where, key, "{val: {query: ..., index: ...}, test: {...}}");
            onlyKeys(benchmarks, Set.of("val", "test"), where, key + ".");
            domains.put(name, new Declared(splits(benchmarks.get("val"), where, key + ".val"),
                    splits(benchmarks.get("test"), where, key + ".test")));
        }
        return new DomainDeclarations(domains);
    }

    private static QueryIndexSplits splits(Object value, String where, String key) {
        if (value == null) {
            return null;
        }
        Map<?, ?> map = mapping(value, where, key, "{query: <split>, index: <split>}");
        onlyKeys(map, Set.of("query", "index"), where, key + ".");
        return new QueryIndexSplits(split(map.get("query"), where, key + ".query"),
                split(map.get("index"), where, key + ".index"));
    }

    private static String split(Object value, String where, String key) {
        if (value == null) {
            throw new DatasetException(where + ": key " + key + " is missing; allowed: " + allowedSplits());
        }
        String split = String.valueOf(value);
        if (!(value instanceof String) || !UnedDomains.SPLIT_FILES.contains(split)) {
            throw new DatasetException(where + ": key " + key + ": '" + split + "' is not a split; allowed: "
                    + allowedSplits());
        }
        return split;
    }

    private static String allowedSplits() {
        return String.join(", ", new TreeSet<>(UnedDomains.SPLIT_FILES));
    }

    private static Map<?, ?> mapping(Object value, String where, String key, String expected) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new DatasetException(where + ": key " + key + ": expected a mapping " + expected + ", got '"
                    + value + "'");
        }
        return map;
    }

    private static void onlyKeys(Map<?, ?> map, Set<String> allowed, String where, String prefix) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new DatasetException(where + ": unknown key " + prefix + key + "; allowed: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    private static Object load(String text, String where) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String at = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new DatasetException(where + ": invalid YAML" + at + ": " + oneLine(e.getProblem()), e);
        } catch (YAMLException e) {
            throw new DatasetException(where + ": invalid YAML: " + oneLine(e.getMessage()), e);
        }
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
