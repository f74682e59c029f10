package org.genosynth.seq;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.InputException;
import org.genosynth.io.TextInput;

/**
 * BED intervals (0-based, half-open), merged and sorted per contig. Lines starting with {@code #}, {@code track} or
 * {@code browser} are skipped.
 */
public final class Regions {
    private final Map<String, long[]> byContig;

    private Regions(Map<String, long[]> byContig) {
        this.byContig = byContig;
    }

    /** Reads a BED file (plain or gzipped). */
    public static Regions read(Path bed) {
        Map<String, List<long[]>> raw = new LinkedHashMap<>();
        try (BufferedReader r = TextInput.openReader(bed)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#") || line.startsWith("track") || line.startsWith("browser")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 3) {
                    throw new InputException(bed, n, null, "expected CHROM START END (tab-separated)");
                }
                long start = parse(bed, n, "START", f[1]);
                long end = parse(bed, n, "END", f[2]);
                if (end < start) {
                    throw new InputException(bed, n, "END", "END " + end + " is before START " + start);
                }
                raw.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new long[] {start, end});
            }
        } catch (IOException e) {
            throw TextInput.readFailure(bed, e);
        }
        Map<String, long[]> merged = new LinkedHashMap<>();
        for (Map.Entry<String, List<long[]>> e : raw.entrySet()) {
            List<long[]> list = e.getValue();
            list.sort((a, b) -> Long.compare(a[0], b[0]));
            long[] flat = new long[list.size() * 2];
            int k = 0;
            for (long[] iv : list) {
                if (k > 0 && iv[0] <= flat[k - 1]) {
                    flat[k - 1] = Math.max(flat[k - 1], iv[1]);
                } else {
                    flat[k++] = iv[0];
                    flat[k++] = iv[1];
                }
            }
            merged.put(e.getKey(), Arrays.copyOf(flat, k));
        }
        return new Regions(merged);
    }

    private static long parse(Path bed, long line, String field, String text) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InputException(bed, line, field, "'" + text + "' is not a non-negative integer");
        }
    }

    /** Contig names as written in the BED. */
    public java.util.Set<String> contigs() {
        return byContig.keySet();
    }

    /** Merged intervals of {@code contig} as {start0, end0, start1, end1, ...}; empty when none. */
    public long[] intervals(String contig) {
        long[] iv = byContig.get(contig);
        return iv == null ? new long[0] : iv;
    }

    /** True when the 1-based position {@code pos} lies in an interval of {@code contig}. */
    public boolean contains(String contig, long pos) {
        long[] iv = byContig.get(contig);
        if (iv == null) {
            return false;
        }
        long p0 = pos - 1;
        int lo = 0;
        int hi = iv.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (iv[2 * mid + 1] <= p0) {
                lo = mid + 1;
            } else if (iv[2 * mid] > p0) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Total bases covered. */
    public long totalLength() {
        long t = 0;
        for (long[] iv : byContig.values()) {
            for (int i = 0; i < iv.length; i += 2) {
                t += iv[i + 1] - iv[i];
            }
        }
        return t;
    }
}
