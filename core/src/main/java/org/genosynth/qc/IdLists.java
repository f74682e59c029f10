package org.genosynth.qc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;
import org.genosynth.model.Sample;

/** Keep/remove sample lists ({@code FID IID} or {@code IID} per line) and extract/exclude variant ID lists. */
public final class IdLists {
    private IdLists() {
    }

    /** Result of matching a sample list against the cohort. */
    public record SampleMatch(Set<Integer> indices, int unmatched) {
    }

    /**
     * Reads a sample list: one sample per line as {@code FID IID} or {@code IID}; lines starting with {@code #} are a
     * header. A two-column line matches on FID and IID, a one-column line on IID.
     */
    public static SampleMatch readSamples(Path file, List<Sample> samples) {
        Set<String> byFidIid = new HashSet<>();
        Set<String> byIid = new HashSet<>();
        try (LineReader in = new LineReader(file)) {
            String line;
            while ((line = in.next()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = LineReader.splitWhitespace(line);
                if (f.length >= 2) {
                    byFidIid.add(f[0] + "\t" + f[1]);
                } else {
                    byIid.add(f[0]);
                }
            }
        }
        Set<Integer> matched = new LinkedHashSet<>();
        Set<String> hit = new HashSet<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            String key = s.familyId() + "\t" + s.id();
            if (byFidIid.contains(key)) {
                matched.add(i);
                hit.add(key);
            } else if (byIid.contains(s.id())) {
                matched.add(i);
                hit.add(s.id());
            }
        }
        int listed = byFidIid.size() + byIid.size();
        return new SampleMatch(matched, Math.max(0, listed - hit.size()));
    }

    /** Reads variant IDs, the first whitespace-separated field of each non-blank line. */
    public static Set<String> readVariantIds(Path file) {
        Set<String> ids = new HashSet<>();
        try (LineReader in = new LineReader(file)) {
            String line;
            while ((line = in.next()) != null) {
                String[] f = LineReader.splitWhitespace(line);
                if (f.length > 0) {
                    ids.add(f[0]);
                }
            }
        }
        if (ids.isEmpty()) {
            throw InputException.inFile(file, "the variant list is empty");
        }
        return ids;
    }

    /** Indices of samples kept by optional keep and remove lists, in cohort order; notes unmatched IDs. */
    public static int[] selectSamples(List<Sample> samples, Path keep, Path remove, List<String> notes) {
        List<Integer> out = new ArrayList<>();
        Set<Integer> keepSet = null;
        Set<Integer> removeSet = Set.of();
        if (keep != null) {
            SampleMatch m = readSamples(keep, samples);
            keepSet = m.indices();
            if (m.unmatched() > 0) {
                notes.add(m.unmatched() + " IDs in " + keep + " name no sample of the input");
            }
        }
        if (remove != null) {
            SampleMatch m = readSamples(remove, samples);
            removeSet = m.indices();
            if (m.unmatched() > 0) {
                notes.add(m.unmatched() + " IDs in " + remove + " name no sample of the input");
            }
        }
        for (int i = 0; i < samples.size(); i++) {
            if ((keepSet == null || keepSet.contains(i)) && !removeSet.contains(i)) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
