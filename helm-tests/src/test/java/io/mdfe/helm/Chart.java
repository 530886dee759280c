package io.mdfe.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart {@code helm/mdfe2} under test, rendered and linted with the Helm bundled in helm-java (no helm
 * binary, no network). Renders are cached per value set: each costs a Helm call through JNI.
 */
public final class Chart {

    /** Release name of every render, and so the prefix of every object name. */
    public static final String RELEASE = "mdfe2";
    /** Namespace of every render (RoleBinding subjects name it). */
    public static final String NAMESPACE = "mdfe2";

    private static final Map<String, String> RENDERS = new ConcurrentHashMap<>();

    private Chart() {
    }

    /** @return the repository root (the system property {@code mdfe.repo.root}, set by the module's pom) */
    public static Path repoRoot() {
        return Path.of(System.getProperty("mdfe.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** @return the chart directory */
    public static Path dir() {
        return repoRoot().resolve("helm/mdfe2");
    }

    /**
     * Renders the chart with a value set, hooks (the helm test pod) included as plain objects.
     *
     * @param set the value set
     * @return the rendered manifests, as {@code helm template} prints them
     */
    public static String renderWithHooks(ValueSet set) {
        return RENDERS.computeIfAbsent("hooks:" + set.name(), k -> withChartCopy(copy -> {
            stripHookAnnotations(copy);
            return template(copy, set.file().map(List::of).orElse(List.of()));
        }));
    }

    /**
     * Renders the chart with a value set, as {@code helm template} does (hooks are not part of it).
     *
     * @param set the value set
     * @return the rendered manifests
     */
    public static String render(ValueSet set) {
        return RENDERS.computeIfAbsent(set.name(), k -> template(dir(), set.file().map(List::of).orElse(List.of())));
    }

    /**
     * Renders the chart with values files, uncached: for files that must be rejected.
     *
     * @param valuesFiles values files, later ones win
     * @return the rendered manifests
     * @throws IllegalStateException with Helm's message when rendering fails (e.g. schema validation)
     */
    public static String render(List<Path> valuesFiles) {
        return template(dir(), valuesFiles);
    }

    /**
     * {@code helm lint --strict} of the chart with a value set. helm-java's lint takes no values file, so a
     * copy of the chart gets the value set merged into its values.yaml.
     *
     * @param set the value set
     * @return Helm's lint result
     */
    public static LintResult lint(ValueSet set) {
        if (set.file().isEmpty()) {
            return new Helm(dir()).lint().strict().call();
        }
        return withChartCopy(copy -> {
            Path values = copy.resolve("values.yaml");
            Map<String, Object> merged = merge(loadYaml(values), loadYaml(set.file().get()));
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            Files.writeString(values, new Yaml(options).dump(merged));
            return new Helm(copy).lint().strict().call();
        });
    }

    private static String template(Path chart, List<Path> valuesFiles) {
        TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
        valuesFiles.forEach(command::withValuesFile);
        return command.call();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object old = merged.get(key);
            merged.put(key, old instanceof Map && value instanceof Map
                    ? merge((Map<String, Object>) old, (Map<String, Object>) value) : value);
        });
        return merged;
    }

    static Map<String, Object> loadYaml(Path file) throws IOException {
        Map<String, Object> map = new Yaml().load(Files.readString(file));
        return map == null ? Map.of() : map;
    }

    /** Turns the helm test hook into a plain object, so {@code helm template} renders it and it gets checked. */
    private static void stripHookAnnotations(Path chart) throws IOException {
        try (Stream<Path> files = Files.walk(chart.resolve("templates/tests"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file)
                        .replaceAll("(?m)^\\s*helm\\.sh/hook(-delete-policy)?:.*\\n", "")
                        .replaceAll("(?m)^(\\s*)annotations:\\s*\\n(?=\\1?spec:|spec:)", "");
                Files.writeString(file, text);
            }
        }
    }

    private interface ChartWork<T> {
        T apply(Path copy) throws IOException;
    }

    private static <T> T withChartCopy(ChartWork<T> work) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("mdfe2-chart");
            Path copy = tmp.resolve("mdfe2");
            try (Stream<Path> files = Files.walk(dir())) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(dir().relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            return work.apply(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
