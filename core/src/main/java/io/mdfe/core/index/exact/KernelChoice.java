package io.mdfe.core.index.exact;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Picks the {@link ScoreKernel} once per JVM: the register tile must fit the vector registers the
 * JIT uses, 32 with AVX-512 (also when it runs 256-bit vectors) and on AArch64, 16 with AVX2 (x86
 * without {@code UseAVX=3}). The system property {@value #PROPERTY} forces a path:
 * {@code auto} (default), {@code 6x4} (32 registers), {@code 5x2} (16 registers) or {@code scalar};
 * a forced vector tile still needs {@code --add-modules jdk.incubator.vector}.
 */
final class KernelChoice {

    /** The system property that forces a kernel. */
    static final String PROPERTY = "mdfe.exact.tile";

    static final ScoreKernel BEST = of(System.getProperty(PROPERTY, "auto"));

    private KernelChoice() {
    }

    /** The kernel {@code setting} names ({@code auto | 6x4 | 5x2 | scalar}). */
    static ScoreKernel of(String setting) {
        boolean vectorApi = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "auto":
                if (!vectorApi || !VectorKernel.usable()) {
                    return new ScalarKernel();
                }
                return vectorRegisters() >= 32 ? new Tile6x4Kernel() : new Tile5x2Kernel();
            case "6x4":
                return vector(vectorApi, setting, new Tile6x4Kernel());
            case "5x2":
                return vector(vectorApi, setting, new Tile5x2Kernel());
            case "scalar":
                return new ScalarKernel();
            default:
                throw new IllegalArgumentException("exact index: " + PROPERTY + " must be auto, 6x4, 5x2 or scalar, got '"
                        + setting + "'");
        }
    }

    private static ScoreKernel vector(boolean vectorApi, String setting, ScoreKernel kernel) {
        if (!vectorApi) {
            throw new IllegalArgumentException("exact index: " + PROPERTY + "=" + setting
                    + " needs the JVM option --add-modules jdk.incubator.vector");
        }
        return kernel;
    }

    /**
     * Vector registers C2 allocates: 32 on x86 with {@code UseAVX >= 3} (EVEX encodes zmm/ymm16-31) and
     * on AArch64; 16 on x86 below that. Unknown x86 settings count as 16, the tile that fits both.
     */
    static int vectorRegisters() {
        String arch = System.getProperty("os.arch");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return 32;
        }
        try {
            String useAvx = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseAVX").getValue();
            return Integer.parseInt(useAvx) >= 3 ? 32 : 16;
        } catch (RuntimeException unknown) {
            return 16;
        }
    }
}
