package org.genosynth.assoc.kinship;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.Backend;

/**
 * The het, hom and alt planes of {@link SamplePlanes} again as 32-bit ints, plane-major per sample
 * ({@code ints[(3 s + plane) * length + k]}), for the KING popcount loops written so that HotSpot's C2 compiles them
 * to vector code: on JDK 17, {@code Integer.bitCount} over an {@code int[]} loop with sum reductions becomes
 * {@code vpopcntd} on 512-bit registers when the CPU has AVX-512 VPOPCNTDQ, while {@code Long.bitCount} stays scalar
 * (measured on a 2-core AMD EPYC: 0.42 vs 1.03 ns per pair and 64 variants). Without that instruction the int loops
 * would run scalar at half the width, so {@link #vectorPopcount()} decides whether they are used at all.
 */
final class IntPlanes implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    static final int PLANES = 3;
    /** Ints per plane and sample (two per 64-bit word). */
    final int length;
    final int[] ints;

    private IntPlanes(int samples, int length) {
        this.length = length;
        long size = (long) samples * PLANES * length;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many samples x variants for the int planes: " + samples
                    + " x " + 32L * length);
        }
        this.ints = new int[(int) size];
    }

    /** Copies het, hom and alt of every sample of {@code planes}, samples in parallel blocks on {@code backend}. */
    static IntPlanes of(SamplePlanes planes, Backend backend) {
        IntPlanes p = new IntPlanes(planes.sampleCount, 2 * planes.words);
        List<int[]> ranges = new ArrayList<>();
        for (int s = 0; s < planes.sampleCount; s += 256) {
            ranges.add(new int[] {s, Math.min(planes.sampleCount, s + 256)});
        }
        backend.mapOrdered(ranges.iterator(), r -> {
            for (int s = r[0]; s < r[1]; s++) {
                p.copy(planes, s);
            }
            return r;
        }, r -> { });
        return p;
    }

    /** Index of int 0 of {@code plane} (0 het, 1 hom, 2 alt) of sample {@code s}. */
    int at(int s, int plane) {
        return (PLANES * s + plane) * length;
    }

    private void copy(SamplePlanes planes, int s) {
        int[] sourcePlanes = {SamplePlanes.HET, SamplePlanes.HOM, SamplePlanes.ALT};
        for (int p = 0; p < PLANES; p++) {
            int to = at(s, p);
            int from = SamplePlanes.PLANES * (s * planes.words) + sourcePlanes[p];
            for (int w = 0; w < planes.words; w++) {
                long word = planes.bits[from + SamplePlanes.PLANES * w];
                ints[to + 2 * w] = (int) word;
                ints[to + 2 * w + 1] = (int) (word >>> 32);
            }
        }
    }

    /**
     * True when C2 turns {@code Integer.bitCount} loops into vector popcounts: superword on, 512-bit AVX enabled and
     * the CPU announcing AVX-512 VPOPCNTDQ (Linux {@code /proc/cpuinfo}). False when any of that cannot be read.
     */
    static boolean vectorPopcount() {
        return VectorPopcount.AVAILABLE;
    }

    /** Computed once per JVM. */
    private static final class VectorPopcount {
        static final boolean AVAILABLE = detect();

        private static boolean detect() {
            try {
                com.sun.management.HotSpotDiagnosticMXBean vm =
                        ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
                if (!Boolean.parseBoolean(vm.getVMOption("UseSuperWord").getValue())
                        || Integer.parseInt(vm.getVMOption("UseAVX").getValue()) < 3
                        || Integer.parseInt(vm.getVMOption("MaxVectorSize").getValue()) < 64) {
                    return false;
                }
                Path cpuinfo = Path.of("/proc/cpuinfo");
                if (!Files.isReadable(cpuinfo)) {
                    return false;
                }
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("flags")) {
                        return (" " + line + " ").contains(" avx512_vpopcntdq ");
                    }
                }
                return false;
            } catch (IOException | RuntimeException | LinkageError e) {
                // no HotSpot diagnostic bean (another JVM) or no VM option of that name: the scalar kernel
                return false;
            }
        }
    }
}
