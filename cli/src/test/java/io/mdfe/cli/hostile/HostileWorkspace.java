package io.mdfe.cli.hostile;

import io.mdfe.cli.Mdfe;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.data.image.HostileImages;
import io.mdfe.core.io.NpyMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The files the hostile-input cases point the commands at, made once per test class: CI-sized demo data,
 * a bundle of {@code configs/demo.yaml}, and, each in a data root of its own, image bombs, truncated
 * images, annotation files whose paths escape by {@code ..}, absolute paths or symbolic links, empty
 * info files, descriptors holding NaN or infinity, and broken configs.
 */
public final class HostileWorkspace {

    private final Path root;
    /** Held for the test JVM's life: the port "a second system" finds taken. */
    private ServerSocket busy;

    HostileWorkspace(Path root) throws IOException {
        this.root = root;
        new DemoDataGenerator(42, DemoScale.CI, 2).write(demo(), false);
        StringWriter err = new StringWriter();
        CommandLine cli = Mdfe.commandLine();
        cli.setErr(new PrintWriter(err, true));
        if (cli.execute("bundle", config().toString(), "--out", bundle().toString()) != 0) {
            throw new IllegalStateException("cannot make the test bundle: " + err);
        }
        Path secret = Files.createDirectories(root.resolve("outside")).resolve("secret.jpg");
        Files.write(secret, HostileImages.encoded("jpg", 48, 1));
        csvSets(secret);
        unedRoots(secret);
        descriptors();
        Files.write(root.resolve("empty.yaml"), new byte[0]);
        Files.writeString(root.resolve("garbage.yaml"), "MODEL: {{{ [ this is : not yaml\n\t- ]");
    }

    /**
     * A system.yaml for {@code mdfe up/status/down/pipeline/events}: every port free when written (so no system
     * of the machine is touched), the home at {@code home}, then {@code extra} YAML lines.
     *
     * @param name the file name under the workspace
     * @param home {@code folders.home}; a case's output path, which must still not exist afterwards
     * @param indexPort the index-service's port, or 0 for a free one
     * @param extra further top-level lines
     */
    public Path systemYaml(String name, Path home, int indexPort, String... extra) {
        try {
            String yaml = "host: 127.0.0.1\n"
                    + "kafka: {port: " + freePort() + "}\n"
                    + "services: {data: {port: " + freePort() + "}, trainer: {port: " + freePort() + "}, embedder: {port: "
                    + freePort() + "}, index: {port: " + (indexPort == 0 ? freePort() : indexPort) + "}, eval: {port: "
                    + freePort() + "}}\n"
                    + "folders: {home: \"" + home + "\"}\n" + String.join("\n", extra) + "\n";
            return Files.writeString(root.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file under the workspace holding {@code text}. */
    public Path write(String name, String text) {
        try {
            return Files.writeString(root.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port of 127.0.0.1 that stays bound while the tests run, as if another system listened on it. */
    public synchronized int busyPort() {
        try {
            if (busy == null) {
                busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            }
            return busy.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A path under the workspace. */
    public Path path(String relative) {
        return root.resolve(relative);
    }

    /** The workspace's folder. */
    public Path root() {
        return root;
    }

    /** {@code configs/demo.yaml} of the repository. */
    public Path config() {
        return Path.of("..", "configs", "demo.yaml").toAbsolutePath().normalize();
    }

    /** CI-sized demo data: {@code demo_train.csv} and UnED {@code info_files/}. */
    public Path demo() {
        return root.resolve("demo");
    }

    /** A bundle of {@code configs/demo.yaml} (32-d embeddings). */
    public Path bundle() {
        return root.resolve("bundle");
    }

    /** A CSV training root {@code train-<name>} holding {@code <name>_train.csv}. */
    public Path csvRoot(String name) {
        return root.resolve("train-" + name);
    }

    /** A UnED root {@code uned-<name>} with the demo's sop domain, val split. */
    public Path unedRoot(String name) {
        return root.resolve("uned-" + name);
    }

    private void csvSets(Path secret) throws IOException {
        csv("escape", List.of("../outside/secret.jpg,0"));
        csv("absolute", List.of(secret.toAbsolutePath() + ",0"));
        Files.createDirectories(csvRoot("link"));
        Files.createSymbolicLink(csvRoot("link").resolve("link.jpg"), secret.toAbsolutePath());
        csv("link", List.of("link.jpg,0"));
        List<String> bombs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Files.createDirectories(csvRoot("bombs"));
            Files.write(csvRoot("bombs").resolve("bomb" + i + ".png"), HostileImages.pngDeclaring(20000, 20000));
            bombs.add("bomb" + i + ".png," + i % 2);
        }
        csv("bombs", bombs);
        Files.createDirectories(csvRoot("cut"));
        Files.write(csvRoot("cut").resolve("cut0.jpg"), HostileImages.truncated(HostileImages.encoded("jpg", 96, 2)));
        Files.write(csvRoot("cut").resolve("cut1.png"), HostileImages.truncated(HostileImages.encoded("png", 96, 3)));
        csv("cut", List.of("cut0.jpg,0", "cut1.png,1"));
        // 8 good images and one truncated: --strict fails on it, without --strict it is skipped
        List<String> strict = new ArrayList<>();
        List<String> demoRows = Files.readAllLines(demo().resolve("demo_train.csv"));
        for (String row : demoRows.subList(1, 9)) {
            String[] f = row.split(",");
            Path target = csvRoot("strict").resolve(f[0]);
            Files.createDirectories(target.getParent());
            Files.copy(demo().resolve(f[0]), target);
            strict.add(row);
        }
        Files.copy(csvRoot("cut").resolve("cut0.jpg"), csvRoot("strict").resolve("cut0.jpg"));
        strict.add(3, "cut0.jpg,0");
        csv("strict", strict);
    }

    private void csv(String name, List<String> rows) throws IOException {
        Files.createDirectories(csvRoot(name));
        List<String> lines = new ArrayList<>(List.of("img_path,label"));
        lines.addAll(rows);
        Files.write(csvRoot(name).resolve(name + "_train.csv"), lines);
    }

    private void unedRoots(Path secret) throws IOException {
        for (String name : List.of("empty", "escape", "absolute", "link", "bomb", "cut")) {
            copy(demo().resolve("info_files/sop"), unedRoot(name).resolve("info_files/sop"));
            copy(demo().resolve("images/sop/val"), unedRoot(name).resolve("images/sop/val"));
        }
        Files.writeString(unedRoot("empty").resolve("info_files/sop/val.json"), "[]");
        firstPath("escape", "../../outside/secret.jpg");
        firstPath("absolute", secret.toAbsolutePath().toString());
        Files.createSymbolicLink(unedRoot("link").resolve("images/sop/link.jpg"), secret.toAbsolutePath());
        firstPath("link", "sop/link.jpg");
        Path first = unedRoot("bomb").resolve("images").resolve(firstImage("bomb"));
        Files.write(first, HostileImages.pngDeclaring(20000, 20000));
        Path cut = unedRoot("cut").resolve("images").resolve(firstImage("cut"));
        Files.write(cut, HostileImages.truncated(HostileImages.encoded("jpg", 96, 4)));
        ownDomains();
    }

    /** Domains of one's own that cannot be used: each must be an error naming it, never left out. */
    private void ownDomains() throws IOException {
        // a multi-label training item (DATASET.multi_label is error by default)
        Files.createDirectories(unedRoot("multi").resolve("images/icons"));
        Files.writeString(Files.createDirectories(unedRoot("multi").resolve("info_files/icons")).resolve("train.json"),
                "[{\"path\": \"icons/a.png\", \"class_id\": 1}, {\"path\": \"icons/b.png\", \"class_id\": [1, 2]}]");
        // a domain with annotations but no images/ folder
        Files.writeString(Files.createDirectories(unedRoot("noimages").resolve("info_files/icons")).resolve("train.json"),
                "[{\"path\": \"icons/a.png\", \"class_id\": 1}]");
        // beside the demo's sop, a domain with a train split only: it has no val benchmark
        for (String name : List.of("noval", "badyaml")) {
            copy(demo().resolve("info_files/sop"), unedRoot(name).resolve("info_files/sop"));
            copy(demo().resolve("images/sop/val"), unedRoot(name).resolve("images/sop/val"));
        }
        Files.createDirectories(unedRoot("noval").resolve("images/sprites"));
        Files.writeString(Files.createDirectories(unedRoot("noval").resolve("info_files/sprites")).resolve("train.json"),
                "[{\"path\": \"sprites/a.png\", \"class_id\": 1}]");
        Files.writeString(unedRoot("badyaml").resolve("domains.yaml"), "domains:\n  sop: {}\nsplits: {}\n");
    }

    private String firstImage(String name) throws IOException {
        String json = Files.readString(unedRoot(name).resolve("info_files/sop/val.json"));
        int start = json.indexOf("\"path\":\"") + 8;
        return json.substring(start, json.indexOf('"', start));
    }

    private void firstPath(String name, String path) throws IOException {
        Path info = unedRoot(name).resolve("info_files/sop/val.json");
        String json = Files.readString(info);
        Files.writeString(info, json.replaceFirst("\"path\":\"[^\"]*\"", "\"path\":\"" + path + "\""));
    }

    private void descriptors() throws IOException {
        String json = Files.readString(demo().resolve("info_files/sop/val.json"));
        int rows = json.split("\"path\"").length - 1;
        Random random = new Random(5);
        for (String kind : List.of("nan", "inf", "dim")) {
            int cols = kind.equals("dim") ? 16 : 32;
            float[] v = new float[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextFloat();
            }
            if (kind.equals("nan")) {
                v[cols + 3] = Float.NaN;
            } else if (kind.equals("inf")) {
                v[2 * cols] = Float.POSITIVE_INFINITY;
            }
            Path file = Files.createDirectories(root.resolve("desc-" + kind).resolve("sop")).resolve("val.npy");
            new NpyMatrix(rows, cols, v).write(file);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
