package io.mdfe.core.index.annoy;

import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Annoy's own C++ for interop tests and the benchmark: fetches annoylib.h + kissrandom.h from the
 * npm package {@value #NPM_PACKAGE} into {@code target/annoy-native/} (once), compiles
 * {@code tools/annoy/annoy_driver.cc} with g++ and runs it. Without g++ or npm this fails, saying
 * what to install; it never skips.
 */
public final class AnnoyNative {

    /** The npm package that ships annoylib.h; pinned so results are reproducible. */
    public static final String NPM_PACKAGE = "annoy@4.0.0";

    /**
     * Flags of the interop build: annoylib's portable scalar loops (no -march, no FMA contraction),
     * the summation order the Java port uses, so both sides compute bit-identical floats.
     */
    public static final List<String> PORTABLE_FLAGS = List.of("-O2", "-ffp-contract=off");
    /**
     * annoylib's AVX-512 kernels ({@code USE_AVX512}) and otherwise IEEE arithmetic as written: the
     * arithmetic of {@code sum_order=avx512}, so Java builds in that order byte-identical files.
     */
    public static final List<String> AVX512_FLAGS = List.of("-O2", "-mavx512f", "-ffp-contract=off");
    /**
     * {@link #AVX512_FLAGS}' arithmetic on any x86 CPU: annoylib's AVX-512 kernels with their
     * intrinsics emulated lane by lane ({@code tools/annoy/avx512_emulation.h}), so that machines
     * without AVX-512 check {@code sum_order=avx512} too.
     */
    public static List<String> avx512EmulatedFlags(Path repoRoot) {
        return List.of("-O2", "-ffp-contract=off", "-include",
                repoRoot.resolve("tools/annoy/avx512_emulation.h").toAbsolutePath().toString());
    }

    /**
     * annoylib's 256-bit AVX kernels ({@code USE_AVX}: AVX, no AVX-512F) and otherwise IEEE arithmetic
     * as written: the arithmetic of {@code sum_order=avx}, so Java builds in that order byte-identical
     * files. {@code -mfma} changes nothing here ({@code -ffp-contract=off}; annoylib's AVX code has no FMA).
     */
    public static final List<String> AVX_FLAGS = List.of("-O2", "-mavx", "-mfma", "-ffp-contract=off");
    /**
     * {@link #NATIVE_FLAGS} as on an AVX2 CPU: on an AVX-512 CPU {@code -mno-avx512f} takes annoylib's
     * {@code USE_AVX} path, which is what the wheel compiles on AVX2-only machines (AMD EPYC before Zen 4).
     * Its {@code -ffast-math} fuses the kernels' multiply-adds into FMAs.
     */
    public static final List<String> NATIVE_AVX2_FLAGS = List.of("-O3", "-march=native", "-mno-avx512f", "-ffast-math",
            "-fno-associative-math");
    /**
     * Flags of Python's annoy wheel build (setup.py), AVX-512 here: the speed reference. Its searches
     * sum as {@link #AVX512_FLAGS}; its builds do not (see {@code AnnoyParams.SumOrder.AVX512}).
     */
    public static final List<String> NATIVE_FLAGS = List.of("-O3", "-march=native", "-ffast-math", "-fno-associative-math");

    private final Path driver;

    private AnnoyNative(Path driver) {
        this.driver = driver;
    }

    /**
     * Fetches the header (cached under {@code work}) and compiles the driver with {@code flags}.
     *
     * @param repoRoot the repository root (holds tools/annoy/)
     * @param work a build directory, e.g. core/target/annoy-native
     */
    public static AnnoyNative compile(Path repoRoot, Path work, List<String> flags, String name) throws IOException {
        Path include = fetchHeaders(work);
        Path source = repoRoot.resolve("tools/annoy/annoy_driver.cc");
        Path binary = work.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(tool("g++", "the GNU C++ compiler: apt-get install g++"),
                "-std=c++14"));
        cmd.addAll(flags);
        cmd.addAll(List.of("-I" + include, "-o", binary.toString(), source.toString(), "-lpthread"));
        run(cmd, work);
        return new AnnoyNative(binary);
    }

    private static Path fetchHeaders(Path work) throws IOException {
        Path include = work.resolve("npm/package");
        if (Files.isRegularFile(include.resolve("annoylib.h")) && Files.isRegularFile(include.resolve("kissrandom.h"))) {
            return include;
        }
        Path npmDir = Files.createDirectories(work.resolve("npm"));
        String npm = tool("npm", "Node's package manager: apt-get install npm (the test fetches " + NPM_PACKAGE
                + " for annoylib.h)");
        String tgz = run(List.of(npm, "pack", NPM_PACKAGE, "--silent"), npmDir).strip();
        tgz = tgz.substring(tgz.lastIndexOf('\n') + 1).strip();
        run(List.of("tar", "xzf", tgz), npmDir);
        if (!Files.isRegularFile(include.resolve("annoylib.h"))) {
            throw new IOException(NPM_PACKAGE + " has no package/annoylib.h; its layout changed");
        }
        return include;
    }

    private static String tool(String name, String install) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IOException("Annoy interop needs " + name + " on the PATH; install " + install);
    }

    /**
     * How long annoylib's build took.
     *
     * @param seconds wall time
     * @param cpuSeconds the driver process's CPU time over the build (load distorts it less)
     */
    public record BuildRun(double seconds, double cpuSeconds) {
    }

    /** Builds an Annoy file from raw float32 vectors. */
    public BuildRun build(Metric metric, int dim, Path vectors, int trees, Integer seed, Path out) throws IOException {
        String printed = run(List.of(driver.toString(), "build", metric.id(), Integer.toString(dim), vectors.toString(),
                Integer.toString(trees), seed == null ? "-" : Integer.toUnsignedString(seed), out.toString()),
                out.getParent());
        return new BuildRun(seconds(printed), value(printed, "cpu_seconds="));
    }

    /**
     * What a query run returned.
     *
     * @param neighbors annoylib's results
     * @param seconds wall time of all queries
     * @param cpuSeconds the driver process's CPU time over all queries
     * @param peakRssKb the driver process's peak resident memory
     */
    public record QueryRun(Neighbors neighbors, double seconds, double cpuSeconds, long peakRssKb) {
    }

    /** Loads an Annoy file and runs {@code get_nns_by_vector} for every query. */
    public QueryRun query(Metric metric, int dim, Path ann, Path queries, int count, int k, int searchK, int threads,
                          Path out) throws IOException {
        String printed = run(List.of(driver.toString(), "query", metric.id(), Integer.toString(dim), ann.toString(),
                queries.toString(), Integer.toString(k), Integer.toString(searchK), Integer.toString(threads),
                out.toString()), out.getParent());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        int[] ids = new int[count * k];
        float[] dists = new float[count * k];
        b.asIntBuffer().get(ids);
        b.position(4 * ids.length);
        b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dists);
        return new QueryRun(new Neighbors(count, k, ids, dists), seconds(printed), value(printed, "cpu_seconds="),
                (long) value(printed, "peak_rss_kb="));
    }

    private static double seconds(String printed) {
        return value(printed, "seconds=");
    }

    private static double value(String printed, String key) {
        for (String line : printed.split("\n")) {
            if (line.startsWith(key)) {
                return Double.parseDouble(line.substring(key.length()).strip());
            }
        }
        throw new IllegalStateException("annoy_driver printed no " + key + ": " + printed);
    }

    private static String run(List<String> cmd, Path dir) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("command failed: " + String.join(" ", cmd) + "\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        return out;
    }
}
