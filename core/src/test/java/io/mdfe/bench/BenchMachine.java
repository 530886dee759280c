package io.mdfe.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The line every bench table starts with: CPU model, its vector flags, the JVM's preferred vector
 * width and the JIT's {@code UseAVX} level, so a figure is never read without the CPU it was measured
 * on (the same kernel runs 3x apart on AVX-512 and AVX2 machines). {@code main} prints it for the
 * shell benches; needs {@code --add-modules jdk.incubator.vector} for the width (says so otherwise).
 */
public final class BenchMachine {

    private static final List<String> VECTOR_FLAGS = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512vl",
            "avx512bw", "avx512_bf16", "avx512_vnni", "amx_tile", "asimd", "sve");

    private BenchMachine() {}

    /** One line: {@code machine: <model>; vector flags: ...; JVM preferred vector: N bits (M floats), UseAVX=..; load ..}. */
    public static String describe() {
        String cpuinfo = cpuinfo();
        String model = field(cpuinfo, "model name").orElse(System.getProperty("os.arch"));
        List<String> flags = Arrays.asList(field(cpuinfo, "flags").orElse("").split("\\s+"));
        String vectorFlags = VECTOR_FLAGS.stream().filter(flags::contains).collect(Collectors.joining(" "));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "machine: %s, %d cores; vector flags: %s; JVM preferred vector: %s; "
                        + "UseAVX=%s; load average %.1f", model, Runtime.getRuntime().availableProcessors(),
                vectorFlags.isEmpty() ? "none" : vectorFlags, preferredWidth(), useAvx(), load);
    }

    /** {@code jdk.incubator.vector}'s preferred float species, or why it is unknown. */
    static String preferredWidth() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "unknown (no --add-modules jdk.incubator.vector)";
        }
        return VectorWidth.describe();
    }

    private static String useAvx() {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseAVX").getValue();
        } catch (IllegalArgumentException notX86) {
            return "n/a";
        }
    }

    private static String cpuinfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            return "";
        }
    }

    private static java.util.Optional<String> field(String cpuinfo, String name) {
        return cpuinfo.lines().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim());
    }

    /** Prints {@link #describe()}. */
    public static void main(String[] args) {
        System.out.println(describe());
    }

    /** Kept apart so that {@link BenchMachine} loads without the incubator module. */
    private static final class VectorWidth {
        static String describe() {
            var s = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
            return s.vectorBitSize() + " bits (" + s.length() + " floats)";
        }
    }
}
