package org.genosynth.util;

import java.util.Locale;
import org.genosynth.io.InputException;

/** A memory estimate checked before a large allocation, so a too-large request is a clear error, not an OutOfMemoryError. */
public final class Memory {
    private Memory() {
    }

    /**
     * Throws a user error when {@code bytes} (an estimate of what {@code what} needs) exceeds the heap this JVM may use
     * ({@code -Xmx}).
     */
    public static void require(double bytes, String what, String lower) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw InputException.usage(String.format(Locale.ROOT, "%s needs about %s of memory, and this Java may use "
                    + "%s (-Xmx); %s, or raise the limit, e.g. GENOSYNTH_JAVA_OPTS=-Xmx%dg", what, size(bytes),
                    size(max), lower, (long) Math.ceil(bytes * 1.5 / (1L << 30))));
        }
    }

    static String size(double bytes) {
        double gb = bytes / (1L << 30);
        return gb >= 1 ? String.format(Locale.ROOT, "%,.1f GB", gb)
                : String.format(Locale.ROOT, "%,.0f MB", bytes / (1L << 20));
    }
}
