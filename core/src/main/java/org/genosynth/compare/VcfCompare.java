package org.genosynth.compare;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;
import org.genosynth.seq.ContigAliases;
import org.genosynth.seq.Reference;
import org.genosynth.seq.Regions;
import org.genosynth.seq.VariantShape;

/**
 * Compares a call set with a truth set for one sample.
 *
 * <p>Small variants match when chromosome, position, REF and ALT are equal after normalisation (split multi-allelic,
 * trim, left-align against {@code --reference}); the genotype (ALT copies) is compared separately as genotype
 * concordance. Structural variants match when they have the same type, both breakpoints within
 * {@code svMaxDistance} bp (insertions: the position) and size similarity (shorter / longer) of at least
 * {@code svMinSizeRatio}; each call matches at most one truth SV (greedy, closest first).
 *
 * <p>Writes {@code OUT.summary.tsv} (TYPE TP FP FN PRECISION RECALL F1), {@code OUT.genotype.tsv} (TYPE TP_GT
 * GT_MATCH GT_CONCORDANCE), {@code OUT.fn.tsv} (each false negative with a reason) and {@code OUT.fp.tsv}.
 */
public final class VcfCompare {
    static final List<String> TYPES = List.of("SNV", "INDEL", "INDEL_1-5", "INDEL_6-15", "INDEL_16-49", "SV",
            "SV_DEL", "SV_DUP", "SV_INV", "SV_INS");
    private static final int NEARBY = 10;

    private VcfCompare() {
    }

    public static CompareResult run(CompareRequest req) {
        List<String> notes = new ArrayList<>();
        Map<String, byte[]> ref = null;
        ContigAliases names = null;
        if (req.reference() != null) {
            Reference r = Reference.open(req.reference());
            ref = r.loadAll();
            names = new ContigAliases(r.names(), Map.of());
        } else {
            notes.add("no --reference: SNVs only (indels and SVs need the reference to be normalised)");
        }
        Regions regions = req.regions() == null ? null : Regions.read(req.regions());
        SiteReader truthReader = new SiteReader(names, ref, regions);
        List<Site> truth = truthReader.read(req.truth(), req.truthSample(), true);
        if (names == null) {
            Set<String> truthContigs = new TreeSet<>();
            truth.forEach(s -> truthContigs.add(s.chrom()));
            names = new ContigAliases(truthContigs, Map.of());
        }
        SiteReader callReader = new SiteReader(names, ref, regions);
        List<Site> all = callReader.read(req.calls(), req.callsSample(), req.allFilters());
        if (ref == null) {
            requireReference(req.truth(), truth);
            requireReference(req.calls(), all);
        }
        List<Site> calls = new ArrayList<>();
        List<Site> filteredCalls = new ArrayList<>();
        for (Site s : all) {
            (s.pass() ? calls : filteredCalls).add(s);
        }
        notes.add("truth sample: " + (truthReader.sampleUsed == null ? "(sites only)" : truthReader.sampleUsed)
                + ", calls sample: " + (callReader.sampleUsed == null ? "(sites only)" : callReader.sampleUsed));
        if (!filteredCalls.isEmpty()) {
            notes.add(filteredCalls.size() + " calls with FILTER other than PASS left out (--all-filters keeps them)");
        }
        if (callReader.unknownContig > 0) {
            notes.add(callReader.unknownContig + " call records on contigs absent from the reference/truth left out");
        }
        truth = dedupe(truth);
        calls = dedupe(calls);
        Matching m = match(truth, calls, req);
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (String t : TYPES) {
            counts.put(t, new long[6]);
        }
        List<String[]> fnRows = new ArrayList<>();
        Index callIndex = new Index(calls);
        Index filteredIndex = new Index(filteredCalls);
        for (int i = 0; i < truth.size(); i++) {
            Site t = truth.get(i);
            int c = m.truthToCall[i];
            if (c >= 0) {
                Site call = calls.get(c);
                add(counts, t, 0, 1);
                if (t.copies() > 0 && call.copies() > 0) {
                    add(counts, t, 4, 1);
                    add(counts, t, 5, t.copies() == call.copies() ? 1 : 0);
                }
            } else {
                add(counts, t, 2, 1);
                fnRows.add(new String[] {t.chrom(), Long.toString(t.pos()), t.ref(), t.alt(), label(t),
                        reason(t, calls, callIndex, filteredIndex, req)});
            }
        }
        List<Site> fps = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            Site s = calls.get(c);
            if (m.callMatched[c]) {
                add(counts, s, 3, 1);
            } else {
                add(counts, s, 1, 1);
                fps.add(s);
            }
        }
        List<CompareResult.Row> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] v = e.getValue();
            rows.add(new CompareResult.Row(e.getKey(), v[0], v[1], v[2], v[3], v[4], v[5]));
        }
        List<Path> outputs = write(req.out(), rows, fnRows, fps);
        return new CompareResult(rows, outputs, notes);
    }

    /**
     * Indels and SVs can be written in several equivalent ways; comparing them without normalising (left-aligning
     * against the reference) counts a differently placed but identical indel as one FN and one FP. hap.py and vcfeval
     * require the reference; so does compare when either side has one.
     */
    private static void requireReference(Path file, List<Site> sites) {
        long other = sites.stream().filter(x -> !x.type().equals("SNV")).count();
        if (other > 0) {
            throw InputException.usage(file + " has " + other + " indels or SVs: compare needs --reference REF.fa to "
                    + "normalise them (left-align), as hap.py and vcfeval do; without it an indel written at another "
                    + "position counts as a false negative and a false positive");
        }
    }

    /** Adds {@code d} to counter {@code k} of the site's overall type and of its bin. */
    private static void add(Map<String, long[]> counts, Site s, int k, long d) {
        counts.get(s.type())[k] += d;
        String bin = s.bin();
        if (bin != null) {
            counts.get(bin)[k] += d;
        }
    }

    private static String label(Site s) {
        return s.bin() != null ? s.bin() : s.type();
    }

    private static List<Site> dedupe(List<Site> sites) {
        Map<String, Site> seen = new LinkedHashMap<>();
        List<Site> out = new ArrayList<>();
        for (Site s : sites) {
            if (s.shape().isSv() || seen.putIfAbsent(s.key(), s) == null) {
                out.add(s);
            }
        }
        return out;
    }

    private record Matching(int[] truthToCall, boolean[] callMatched) {
    }

    private static Matching match(List<Site> truth, List<Site> calls, CompareRequest req) {
        int[] t2c = new int[truth.size()];
        java.util.Arrays.fill(t2c, -1);
        boolean[] used = new boolean[calls.size()];
        Map<String, Integer> small = new HashMap<>();
        for (int c = 0; c < calls.size(); c++) {
            if (!calls.get(c).shape().isSv()) {
                small.put(calls.get(c).key(), c);
            }
        }
        List<int[]> svPairs = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            Site t = truth.get(i);
            if (!t.shape().isSv()) {
                Integer c = small.get(t.key());
                if (c != null) {
                    t2c[i] = c;
                    used[c] = true;
                }
                continue;
            }
            for (int c = 0; c < calls.size(); c++) {
                Site s = calls.get(c);
                if (s.shape() == t.shape() && s.chrom().equals(t.chrom()) && svMatches(t, s, req)) {
                    svPairs.add(new int[] {i, c, (int) Math.min(Integer.MAX_VALUE, svDistance(t, s))});
                }
            }
        }
        svPairs.sort(Comparator.comparingInt((int[] p) -> p[2]).thenComparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
        for (int[] p : svPairs) {
            if (t2c[p[0]] < 0 && !used[p[1]]) {
                t2c[p[0]] = p[1];
                used[p[1]] = true;
            }
        }
        return new Matching(t2c, used);
    }

    static long svDistance(Site a, Site b) {
        long d = Math.abs(a.pos() - b.pos());
        return a.shape() == VariantShape.INS ? d : Math.max(d, Math.abs(a.end() - b.end()));
    }

    static double sizeSimilarity(Site a, Site b) {
        long x = Math.abs(a.length());
        long y = Math.abs(b.length());
        if (x == 0 || y == 0) {
            return 1; // an insertion of unknown length matches any size
        }
        return (double) Math.min(x, y) / Math.max(x, y);
    }

    static boolean svMatches(Site t, Site s, CompareRequest req) {
        return svDistance(t, s) <= req.svMaxDistance() && sizeSimilarity(t, s) >= req.svMinSizeRatio();
    }

    /** Why a truth site was not found, as far as the calls tell. */
    private static String reason(Site t, List<Site> calls, Index callIndex, Index filtered, CompareRequest req) {
        if (t.shape().isSv()) {
            Site best = null;
            boolean anyOfType = false;
            for (Site s : calls) {
                if (s.shape() == t.shape()) {
                    anyOfType = true;
                    if (s.chrom().equals(t.chrom()) && (best == null || svDistance(t, s) < svDistance(t, best))) {
                        best = s;
                    }
                }
            }
            if (!anyOfType) {
                return filtered.near(t, req.svMaxDistance()).isEmpty() ? "no_sv_call_of_this_type_in_call_set"
                        : "filtered_call";
            }
            if (best == null || svDistance(t, best) > 10L * req.svMaxDistance()) {
                return "no_call";
            }
            if (svDistance(t, best) > req.svMaxDistance()) {
                return "breakpoint_distance_" + svDistance(t, best);
            }
            return String.format(java.util.Locale.ROOT, "size_similarity_%.2f", sizeSimilarity(t, best));
        }
        for (Site s : filtered.near(t, 0)) {
            if (s.key().equals(t.key())) {
                return "filtered_call";
            }
        }
        List<Site> near = callIndex.near(t, NEARBY);
        for (Site s : near) {
            if (s.pos() == t.pos()) {
                return "allele_mismatch";
            }
        }
        if (!near.isEmpty()) {
            return t.shape() == VariantShape.SNV ? "call_within_" + NEARBY + "bp" : "call_within_" + NEARBY
                    + "bp_(other_representation?)";
        }
        for (Site s : calls) {
            if (s.shape().isSv() && s.chrom().equals(t.chrom()) && s.pos() <= t.pos() && s.end() >= t.pos()) {
                return "inside_called_sv";
            }
        }
        return "no_call";
    }

    /** Sites by contig and position for neighbourhood look-ups. */
    private static final class Index {
        private final Map<String, java.util.TreeMap<Long, List<Site>>> byChrom = new HashMap<>();

        Index(List<Site> sites) {
            for (Site s : sites) {
                byChrom.computeIfAbsent(s.chrom(), k -> new java.util.TreeMap<>())
                        .computeIfAbsent(s.pos(), k -> new ArrayList<>()).add(s);
            }
        }

        List<Site> near(Site t, long distance) {
            List<Site> out = new ArrayList<>();
            java.util.TreeMap<Long, List<Site>> m = byChrom.get(t.chrom());
            if (m != null) {
                m.subMap(t.pos() - distance, true, t.pos() + distance, true).values().forEach(out::addAll);
            }
            return out;
        }
    }

    private static List<Path> write(String out, List<CompareResult.Row> rows, List<String[]> fn, List<Site> fps) {
        Path summary = Path.of(out + ".summary.tsv");
        Path gt = Path.of(out + ".genotype.tsv");
        Path fnPath = Path.of(out + ".fn.tsv");
        Path fpPath = Path.of(out + ".fp.tsv");
        try (AtomicOutput atomic = new AtomicOutput()) {
            try (BufferedWriter w = Files.newBufferedWriter(atomic.temp(summary), StandardCharsets.UTF_8)) {
                w.write("TYPE\tTP\tFP\tFN\tPRECISION\tRECALL\tF1\n");
                for (CompareResult.Row r : rows) {
                    w.write(r.type() + "\t" + r.tp() + "\t" + r.fp() + "\t" + r.fn() + "\t"
                            + CompareResult.fmt(r.precision()) + "\t" + CompareResult.fmt(r.recall()) + "\t"
                            + CompareResult.fmt(r.f1()) + "\n");
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(atomic.temp(gt), StandardCharsets.UTF_8)) {
                w.write("TYPE\tTP_GT\tGT_MATCH\tGT_CONCORDANCE\n");
                for (CompareResult.Row r : rows) {
                    w.write(r.type() + "\t" + r.gtCompared() + "\t" + r.gtMatch() + "\t"
                            + CompareResult.fmt(r.genotypeConcordance()) + "\n");
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(atomic.temp(fnPath), StandardCharsets.UTF_8)) {
                w.write("CHROM\tPOS\tREF\tALT\tTYPE\tREASON\n");
                for (String[] r : fn) {
                    w.write(String.join("\t", r) + "\n");
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(atomic.temp(fpPath), StandardCharsets.UTF_8)) {
                w.write("CHROM\tPOS\tREF\tALT\tTYPE\n");
                for (Site s : fps) {
                    w.write(s.chrom() + "\t" + s.pos() + "\t" + s.ref() + "\t" + s.alt() + "\t" + label(s) + "\n");
                }
            }
            atomic.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + out + ".*", e);
        }
        return List.of(summary, gt, fnPath, fpPath);
    }
}
