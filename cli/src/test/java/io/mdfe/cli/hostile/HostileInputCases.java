package io.mdfe.cli.hostile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * THE catalogue of hostile inputs for the {@code mdfe} command line, one list per entry point. Every case
 * must end with exit code 2 and one error line naming the file, option or key at fault, within a time
 * limit, without leaving output behind; {@link HostileInputTest} runs them all. A new command (or a new
 * option or input file of one) adds its cases here.
 *
 * <p>Cases that could hang or blow up memory run in a child JVM with a small heap, a time limit and a
 * resident-memory bound ({@link Isolation#CHILD_JVM}); the others run in the test's JVM.
 */
public final class HostileInputCases {

    private HostileInputCases() {
    }

    /** Where a case runs. */
    public enum Isolation {
        /** In the test JVM: for inputs that are refused before any heavy work. */
        IN_PROCESS,
        /** In a child JVM with -Xmx256m, a time limit and an RSS bound: where a regression would hang or eat memory. */
        CHILD_JVM
    }

    /**
     * One hostile input.
     *
     * @param command the entry point
     * @param name what is hostile
     * @param args the mdfe arguments, given the workspace and a fresh output path for this case
     * @param expected substrings of the one error line
     * @param isolation where it runs
     */
    public record Case(String command, String name, Function<Context, List<String>> args, List<String> expected,
                       Isolation isolation) {
        @Override
        public String toString() {
            return command + ": " + name;
        }
    }

    /**
     * What a case's arguments may refer to.
     *
     * @param ws the hostile files
     * @param out an output path that does not exist and must still not exist afterwards
     */
    public record Context(HostileWorkspace ws, Path out) {
    }

    /** Every case, grouped by entry point. */
    public static List<Case> all() {
        List<Case> all = new ArrayList<>();
        all.addAll(train());
        all.addAll(evaluate());
        all.addAll(extract());
        all.addAll(bundle());
        all.addAll(makeDemoData());
        all.addAll(demo());
        all.addAll(up());
        all.addAll(status());
        all.addAll(down());
        all.addAll(pipeline());
        all.addAll(events());
        return all;
    }

    private static Case inProcess(String command, String name, Function<Context, List<String>> args, String... expected) {
        return new Case(command, name, args, List.of(expected), Isolation.IN_PROCESS);
    }

    private static Case child(String command, String name, Function<Context, List<String>> args, String... expected) {
        return new Case(command, name, args, List.of(expected), Isolation.CHILD_JVM);
    }

    private static List<String> train(Context c, Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", c.ws().config().toString(), data.toString(),
                "--output-dir", c.out().toString(), "--no-eval", "DATALOADER.batch_size=2", "DATALOADER.num_workers=1",
                "TRAIN.epochs=1"));
        args.addAll(List.of(extra));
        return args;
    }

    private static List<String> trainSet(Context c, String set, String... extra) {
        List<String> args = train(c, c.ws().csvRoot(set), "DATASET.names=[" + set + "]");
        args.addAll(List.of(extra));
        return args;
    }

    /** {@code mdfe train}: images, annotation paths, the data folder, the config and its values. */
    static List<Case> train() {
        return List.of(
                child("train", "image bombs (PNGs declaring 20000x20000)", c -> trainSet(c, "bombs"),
                        "no image of the training set could be read: 4 skipped, first: ",
                        "20000x20000 = 400000000 pixels exceeds the limit of 64000000 pixels"),
                child("train", "truncated JPEG and PNG", c -> trainSet(c, "cut"),
                        "no image of the training set could be read: 2 skipped, first: ", "truncated"),
                inProcess("train", "--strict with a truncated JPEG", c -> {
                    List<String> a = trainSet(c, "strict", "DATALOADER.batch_size=3");
                    a.add("--strict");
                    return a;
                }, "strict mode: ", "cut0.jpg: truncated JPEG"),
                inProcess("train", "path escaping by ..", c -> trainSet(c, "escape"),
                        "escape_train.csv", "'../outside/secret.jpg' escapes"),
                inProcess("train", "absolute path", c -> trainSet(c, "absolute"), "absolute_train.csv", "escapes"),
                inProcess("train", "symbolic link out of the data folder", c -> trainSet(c, "link"),
                        "link_train.csv", "'link.jpg' escapes", "symbolic link"),
                inProcess("train", "missing data folder", c -> train(c, c.ws().path("no-such-data")),
                        "DATA_DIR", "no-such-data: no such folder"),
                inProcess("train", "empty config", c -> List.of("train", c.ws().path("empty.yaml").toString(),
                        c.ws().demo().toString(), "--output-dir", c.out().toString()), "empty.yaml"),
                inProcess("train", "garbage config", c -> List.of("train", c.ws().path("garbage.yaml").toString(),
                        c.ws().demo().toString(), "--output-dir", c.out().toString()), "garbage.yaml"),
                inProcess("train", "batch size 0", c -> train(c, c.ws().demo(), "DATALOADER.batch_size=0"),
                        "DATALOADER.batch_size"),
                inProcess("train", "huge batch size", c -> train(c, c.ws().demo(), "DATALOADER.batch_size=2147483647"),
                        "DATALOADER.batch_size"),
                child("train", "huge MODEL.HEAD.k", c -> train(c, c.ws().demo(), "MODEL.HEAD.k=100000000"),
                        "MODEL.HEAD.k=100000000", "lower MODEL.HEAD.k"),
                inProcess("train", "NaN learning rate", c -> train(c, c.ws().demo(), "OPTIMIZER.lr=NaN"),
                        "OPTIMIZER.lr"),
                inProcess("train", "no DATA_DIR and an empty DATASET.root", c -> List.of("train", c.ws().config().toString(),
                        "--output-dir", c.out().toString(), "--no-eval", "DATASET.root="), "no data folder", "DATASET.root"),
                inProcess("train", "no DATA_DIR and a DATASET.root that does not exist", c -> List.of("train",
                        c.ws().config().toString(), "--output-dir", c.out().toString(), "--no-eval",
                        "DATASET.root=" + c.ws().path("no-such-root")), "DATASET.root ", "no-such-root (DATA_DIR not given): no such folder"),
                inProcess("train", "a multi-label training item", c -> train(c, c.ws().unedRoot("multi"), "DATASET.names=[uned]"),
                        "info_files/icons/train.json: item 1 (0-based): 2 class ids", "DATASET.multi_label"),
                inProcess("train", "a domain of DATASET.names [uned] without images/", c -> train(c,
                        c.ws().unedRoot("noimages"), "DATASET.names=[uned]"), "domain 'icons' cannot be trained on",
                        "images/icons is not a folder"),
                inProcess("train", "a domain without the val split its checkpoint evaluation needs", c -> {
                    List<String> a = new ArrayList<>(train(c, c.ws().unedRoot("noval"), "DATASET.names=[uned:sop]"));
                    a.remove("--no-eval");
                    return a;
                }, "domain 'sprites' cannot be evaluated on the val split", "info_files/sprites/val.json is missing"));
    }

    private static List<String> evaluateDescriptors(Context c, String kind) {
        return List.of("evaluate", c.ws().config().toString(), c.ws().demo().toString(), "--descriptors",
                c.ws().path("desc-" + kind).toString(), "--domains", "sop", "--out", c.out().toString());
    }

    private static List<String> evaluateBundle(Context c, Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("evaluate", c.ws().config().toString(), data.toString(),
                "--model_ckpt", c.ws().bundle().toString(), "--domains", "sop", "--out", c.out().toString()));
        args.addAll(List.of(extra));
        return args;
    }

    /** {@code mdfe evaluate}: descriptors, info files, images and options. */
    static List<Case> evaluate() {
        return List.of(
                inProcess("evaluate", "NaN in descriptors", c -> evaluateDescriptors(c, "nan"),
                        "sop/val.npy", "row 1 holds NaN"),
                inProcess("evaluate", "infinity in descriptors", c -> evaluateDescriptors(c, "inf"),
                        "sop/val.npy", "row 2 holds Infinity"),
                inProcess("evaluate", "descriptors of another width than the config", c -> evaluateDescriptors(c, "dim"),
                        "sop/val.npy", "dimension 16, but MODEL.embedding_dim of ", "is 32"),
                inProcess("evaluate", "--batch_size 0", c -> evaluateBundle(c, c.ws().demo(), "--batch_size", "0"),
                        "--batch_size must be >= 1, got 0"),
                inProcess("evaluate", "huge --n_trees", c -> evaluateBundle(c, c.ws().demo(), "--index", "annoy",
                        "--n_trees", "2000000000"), "--n_trees must be between 1 and 10000, got 2000000000"),
                inProcess("evaluate", "empty info file", c -> evaluateBundle(c, c.ws().unedRoot("empty")),
                        "info_files/sop/val.json: empty list"),
                inProcess("evaluate", "info-file path escaping by ..", c -> evaluateBundle(c, c.ws().unedRoot("escape")),
                        "info_files/sop/val.json: item 0", "escapes"),
                inProcess("evaluate", "info-file absolute path", c -> evaluateBundle(c, c.ws().unedRoot("absolute")),
                        "info_files/sop/val.json: item 0", "escapes"),
                inProcess("evaluate", "info-file symbolic link out of images/", c -> evaluateBundle(c,
                        c.ws().unedRoot("link")), "info_files/sop/val.json: item 0", "symbolic link"),
                child("evaluate", "image bomb among the images", c -> evaluateBundle(c, c.ws().unedRoot("bomb")),
                        "exceeds the limit of 64000000 pixels"),
                inProcess("evaluate", "a domain without a val split among every domain", c -> List.of("evaluate",
                        c.ws().config().toString(), c.ws().unedRoot("noval").toString(), "--model_ckpt",
                        c.ws().bundle().toString(), "--out", c.out().toString()),
                        "domain 'sprites' cannot be evaluated on the val split (val -> val, no small_index.json)",
                        "info_files/sprites/val.json is missing"),
                inProcess("evaluate", "an unknown key in domains.yaml", c -> evaluateBundle(c, c.ws().unedRoot("badyaml")),
                        "domains.yaml: unknown key splits; allowed: domains"),
                inProcess("evaluate", "a domain name that is a path", c -> List.of("evaluate", c.ws().config().toString(),
                        c.ws().demo().toString(), "--model_ckpt", c.ws().bundle().toString(), "--domains", "../sop",
                        "--out", c.out().toString()), "'../sop' is not a usable domain name"),
                inProcess("evaluate", "overrides with --descriptors but no CONFIG", c -> List.of("evaluate",
                        c.ws().demo().toString(), "--descriptors", c.ws().path("desc-nan").toString(),
                        "MODEL.embedding_dim=16", "--out", c.out().toString()), "KEY=VALUE overrides", "need a CONFIG"),
                inProcess("evaluate", "unknown --baseline", c -> List.of("evaluate", c.ws().config().toString(),
                        c.ws().demo().toString(), "--baseline", "bogus", "--domains", "sop", "--out", c.out().toString()),
                        "--baseline: unknown baseline 'bogus'; allowed: thumbnail, random"),
                // A limit of 0 read as "no limit" would decode the bombs: so the child JVM's memory bound.
                child("evaluate", "DATASET.max_image_pixels=0 (evaluate's pixel limit is its config's)", c ->
                        evaluateBundle(c, c.ws().unedRoot("bomb"), "DATASET.max_image_pixels=0"),
                        "DATASET.max_image_pixels: bad value '0'", "allowed: value >= 1"),
                inProcess("evaluate", "extract's --max_image_pixels, an option evaluate does not have", c ->
                        evaluateBundle(c, c.ws().demo(), "--max_image_pixels", "0"),
                        "Unknown option: '--max_image_pixels'"));
    }

    private static List<String> extract(Context c, Path images, String... extra) {
        List<String> args = new ArrayList<>(List.of("extract", c.ws().bundle().toString(), images.toString(),
                "--out", c.out().resolve("v.npy").toString()));
        args.addAll(List.of(extra));
        return args;
    }

    /** {@code mdfe extract}: image folders, info files and options. */
    static List<Case> extract() {
        return List.of(
                child("extract", "a folder of image bombs", c -> extract(c, c.ws().csvRoot("bombs")),
                        "no image could be read (4 skipped, first: ", "exceeds the limit of 64000000 pixels"),
                inProcess("extract", "truncated JPEG in an info file", c -> extract(c,
                        c.ws().unedRoot("cut").resolve("info_files/sop/val.json")), "truncated JPEG"),
                inProcess("extract", "--batch_size 0", c -> extract(c, c.ws().csvRoot("strict"), "--batch_size", "0"),
                        "--batch_size must be >= 1, got 0"),
                inProcess("extract", "--workers 0", c -> extract(c, c.ws().csvRoot("strict"), "--workers", "0"),
                        "--workers must be >= 1, got 0"),
                // A limit of 0 read as "no limit" would decode the bombs: so the child JVM's memory bound.
                child("extract", "--max_image_pixels 0", c -> extract(c, c.ws().csvRoot("bombs"),
                        "--max_image_pixels", "0"), "--max_image_pixels must be >= 1, got 0"));
    }

    /** {@code mdfe bundle}: the config and its values. */
    static List<Case> bundle() {
        return List.of(
                inProcess("bundle", "garbage config", c -> List.of("bundle", c.ws().path("garbage.yaml").toString(),
                        "--out", c.out().toString()), "garbage.yaml"),
                inProcess("bundle", "embedding_dim 0", c -> List.of("bundle", c.ws().config().toString(), "--out",
                        c.out().toString(), "MODEL.embedding_dim=0"), "MODEL.embedding_dim"));
    }

    /** {@code mdfe make-demo-data}: options. */
    static List<Case> makeDemoData() {
        return List.of(
                inProcess("make-demo-data", "--workers 0", c -> List.of("make-demo-data", c.out().toString(),
                        "--workers", "0"), "--workers must be between 1 and 256, got 0"),
                inProcess("make-demo-data", "unknown --scale", c -> List.of("make-demo-data", c.out().toString(),
                        "--scale", "huge"), "huge"));
    }

    /**
     * Broken system.yaml files, shared by every command that reads one: a missing file, a folder instead of a
     * file, malformed YAML, an unknown key, a bad value, two services on one port. Each names the file or key.
     */
    private static List<Case> systemFiles(String command, List<String> more) {
        Function<String, List<String>> with = file -> {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(more);
            args.addAll(List.of("--system", file));
            return args;
        };
        return List.of(
                inProcess(command, "missing system file", c -> with.apply(c.ws().path("no-system.yaml").toString()),
                        "no-system.yaml", "system settings file not found"),
                inProcess(command, "a folder as system file", c -> with.apply(c.ws().demo().toString()),
                        "demo", "cannot read system settings"),
                inProcess(command, "malformed system YAML", c -> with.apply(c.ws().write("sys-garbage.yaml",
                        "services: {{{ [ this is : not yaml\n\t- ]").toString()), "sys-garbage.yaml"),
                inProcess(command, "unknown system key", c -> with.apply(c.ws().systemYaml("sys-typo.yaml", c.out(), 0,
                        "servics: {data: {port: 1}}").toString()), "unknown key servics"),
                inProcess(command, "port out of range", c -> with.apply(c.ws().write("sys-port.yaml",
                        "kafka: {port: 99999}\nfolders: {home: \"" + c.out() + "\"}\n").toString()),
                        "kafka.port", "99999"),
                inProcess(command, "two services on one port", c -> with.apply(c.ws().write("sys-twice.yaml",
                        "services: {data: {port: 18181}, eval: {port: 18181}}\nfolders: {home: \"" + c.out() + "\"}\n")
                        .toString()), "services.eval.port", "services.data.port"));
    }

    /** {@code mdfe up}: its system file, and ports another system already holds. */
    static List<Case> up() {
        List<Case> cases = new ArrayList<>(systemFiles("up", List.of()));
        cases.add(inProcess("up", "a second system on the same ports", c -> List.of("up", "--system",
                        c.ws().systemYaml("sys-busy.yaml", c.out(), c.ws().busyPort()).toString()),
                "is in use (services.index.port in ", "sys-busy.yaml"));
        cases.add(inProcess("up", "--timeout 0", c -> List.of("up", "--timeout", "0", "--system",
                c.ws().systemYaml("sys-up.yaml", c.out(), 0).toString()), "--timeout"));
        return cases;
    }

    /** {@code mdfe status}: its system file. */
    static List<Case> status() {
        return systemFiles("status", List.of());
    }

    /** {@code mdfe down}: its system file. */
    static List<Case> down() {
        return systemFiles("down", List.of());
    }

    /**
     * {@code mdfe pipeline}: its system file, a missing data folder and a recipe file that does not exist; all
     * refused before any service is called (no system runs here).
     */
    static List<Case> pipeline() {
        List<Case> cases = new ArrayList<>();
        for (Case c : systemFiles("pipeline", List.of())) {
            cases.add(new Case(c.command(), c.name(), ctx -> {
                List<String> args = new ArrayList<>(c.args().apply(ctx));
                args.addAll(1, List.of("demo", ctx.ws().demo().toString()));
                return args;
            }, c.expected(), c.isolation()));
        }
        cases.add(inProcess("pipeline", "missing data folder", c -> List.of("pipeline", c.ws().config().toString(),
                c.ws().path("no-such-data").toString(), "--system", c.ws().systemYaml("sys-pipe.yaml", c.out(), 0).toString()),
                "data_dir: ", "no-such-data is not a folder"));
        cases.add(inProcess("pipeline", "recipe file that does not exist", c -> List.of("pipeline",
                c.ws().path("recipes/nope.yaml").toString(), c.ws().demo().toString(), "--system",
                c.ws().systemYaml("sys-pipe2.yaml", c.out(), 0).toString()), "RECIPE: ", "recipes/nope.yaml",
                "no such file"));
        cases.add(inProcess("pipeline", "recipe name the trainer-service cannot have", c -> List.of("pipeline",
                "No Such Recipe!", c.ws().demo().toString(), "--system",
                c.ws().systemYaml("sys-pipe3.yaml", c.out(), 0).toString()), "unknown recipe 'No Such Recipe!'"));
        return cases;
    }

    /** {@code mdfe events}: its system file, and a broker that never answers (a bounded wait, then one line). */
    static List<Case> events() {
        List<Case> cases = new ArrayList<>(systemFiles("events", List.of()));
        cases.add(child("events", "unreachable broker", c -> List.of("events", "--connect-timeout", "3", "--system",
                c.ws().systemYaml("sys-events.yaml", c.out(), 0).toString()), "Kafka at 127.0.0.1:",
                "did not answer within 3 s"));
        cases.add(inProcess("events", "--connect-timeout 0", c -> List.of("events", "--connect-timeout", "0",
                "--system", c.ws().systemYaml("sys-events2.yaml", c.out(), 0).toString()), "--connect-timeout"));
        return cases;
    }

    /** {@code mdfe demo}: its config. */
    static List<Case> demo() {
        return List.of(
                inProcess("demo", "missing config", c -> List.of("demo", "--config", c.ws().path("nope.yaml").toString(),
                        "--data", c.ws().demo().toString(), "--output-dir", c.out().toString()), "nope.yaml"));
    }
}
