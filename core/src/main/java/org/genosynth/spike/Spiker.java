package org.genosynth.spike;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;
import org.genosynth.io.TextInput;
import org.genosynth.io.table.PhenotypeReader;
import org.genosynth.io.vcf.IndexedVcfText;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;
import org.genosynth.seq.ContigAliases;

/**
 * Inserts spiked variants into a cohort VCF. The cohort's records are copied unchanged; each spike becomes a new
 * record (FORMAT GT, phased) placed in position order, its INFO completed with SVTYPE/END/SVLEN for symbolic SVs and
 * a SPIKE flag. Outputs: {@code PREFIX.vcf.gz} (+ .tbi), {@code PREFIX.truth.vcf.gz} (+ .tbi, the spiked records
 * only) and {@code PREFIX.carriers.tsv} (ID CHROM POS TYPE SAMPLE GROUP GT).
 */
public final class Spiker {
    private static final String[] GT_TEXT = {"0|0", "1|0", "0|1", "1|1"};
    private static final List<String> EXTRA_HEADER = List.of(
            "##INFO=<ID=SPIKE,Number=0,Type=Flag,Description=\"Variant inserted by genosynth spike\">",
            "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type of structural variant\">",
            "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End position of the variant described in this record\">",
            "##INFO=<ID=SVLEN,Number=.,Type=Integer,Description=\"Difference in length between REF and ALT alleles\">",
            "##ALT=<ID=DEL,Description=\"Deletion\">",
            "##ALT=<ID=DUP,Description=\"Duplication\">",
            "##ALT=<ID=INV,Description=\"Inversion\">",
            "##ALT=<ID=INS,Description=\"Insertion of novel sequence\">",
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">");

    private Spiker() {
    }

    /** Runs the spike-in. */
    public static SpikeResult run(SpikeRequest request) {
        List<SpikeVariant> spikes = SpikeVariant.read(request.spikes());
        SpikeDesign design = SpikeDesign.read(request.design());
        long seed = request.seedOverride() != null ? request.seedOverride() : design.seed();
        List<String> notes = new ArrayList<>();
        if (request.input().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".bcf")) {
            throw InputException.inFile(request.input(), "spike reads VCF text (.vcf or .vcf.gz); convert the BCF "
                    + "first (genosynth convert --input X.bcf --out X.vcf.gz, or bcftools view -Oz)");
        }
        try (BufferedReader in = TextInput.openReader(request.input()); AtomicOutput atomic = new AtomicOutput()) {
            List<String> header = new ArrayList<>();
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                header.add(line);
                if (line.startsWith("#CHROM")) {
                    break;
                }
                if (!line.startsWith("##")) {
                    throw new InputException(request.input(), lineNo, null, "VCF header has no #CHROM line");
                }
            }
            if (header.isEmpty() || !header.get(header.size() - 1).startsWith("#CHROM")) {
                throw InputException.inFile(request.input(), "VCF header has no #CHROM line");
            }
            String[] columns = header.get(header.size() - 1).split("\t");
            if (columns.length < 10) {
                throw new InputException(request.input(), lineNo, "#CHROM", "the cohort VCF has no samples");
            }
            List<String> sampleIds = Arrays.asList(columns).subList(9, columns.length);
            int[] group = groups(design, sampleIds, notes);
            CarrierPicker picker = new CarrierPicker(sampleIds, group, seed, request.design());

            List<String> headerContigs = headerContigs(header, request.input());
            Map<String, Long> lengths = headerLengths(header);
            List<Planned> planned = new ArrayList<>();
            List<SpikeResult.Row> rows = new ArrayList<>();
            Path carriersPath = Path.of(request.out() + ".carriers.tsv");
            try (BufferedWriter carriers = Files.newBufferedWriter(atomic.temp(carriersPath), StandardCharsets.UTF_8)) {
                carriers.write("ID\tCHROM\tPOS\tTYPE\tSAMPLE\tGROUP\tGT\n");
                for (int k = 0; k < spikes.size(); k++) {
                    SpikeVariant v = spikes.get(k);
                    CarrierRule rule = design.ruleFor(v.id());
                    if (rule == null) {
                        throw InputException.inFile(request.design(), "no rule for spike '" + v.id()
                                + "' (add it under variants, or give a default rule)");
                    }
                    int[] gt = picker.pick(k, v.id(), rule);
                    String chrom = contigName(v.chrom(), headerContigs, request.contigAliases(), notes);
                    Long length = lengths.get(chrom);
                    if (length != null && Math.max(v.pos(), v.end()) > length) {
                        throw new InputException(request.spikes(), v.line(), "POS", "spike " + v.id() + " at "
                                + v.chrom() + ":" + v.pos() + (v.end() > v.pos() ? "-" + v.end() : "") + " is past the "
                                + "end of contig " + chrom + " (length " + length + " in the ##contig header of "
                                + request.input().getFileName() + ")");
                    }
                    planned.add(new Planned(v, chrom, gt, k));
                    int total = 0;
                    int hom = 0;
                    for (int s = 0; s < gt.length; s++) {
                        if (gt[s] != 0) {
                            total++;
                            hom += gt[s] == 3 ? 1 : 0;
                            String g = group == null ? "NA" : group[s] == CarrierPicker.CASE ? "case"
                                    : group[s] == CarrierPicker.CONTROL ? "control" : "NA";
                            carriers.write(v.id() + "\t" + chrom + "\t" + v.pos() + "\t" + v.shape() + "\t"
                                    + sampleIds.get(s) + "\t" + g + "\t" + GT_TEXT[gt[s]] + "\n");
                        }
                    }
                    rows.add(new SpikeResult.Row(v.id(), chrom, v.pos(), v.shape().name(), total, hom,
                            group == null ? -1 : picker.carriersIn(gt, CarrierPicker.CASE),
                            group == null ? -1 : picker.carriersIn(gt, CarrierPicker.CONTROL)));
                }
            }
            List<String> outHeader = outputHeader(header, seed, request);
            Path cohortOut = Path.of(request.out() + ".vcf.gz");
            Path truthOut = Path.of(request.out() + ".truth.vcf.gz");
            long written;
            try (IndexedVcfText cohort = new IndexedVcfText(cohortOut, atomic);
                 IndexedVcfText truth = new IndexedVcfText(truthOut, atomic)) {
                for (String h : outHeader) {
                    cohort.header(h);
                    truth.header(h);
                }
                written = merge(in, lineNo, request, lengths, planned, cohort, truth);
            }
            atomic.commit();
            notes.add(written + " cohort records copied, " + planned.size() + " spiked records added");
            org.genosynth.io.vcf.VcfReader.warnIfTruncated(request.input());
            org.genosynth.io.vcf.VcfReader.warnIfTruncated(request.spikes());
            List<Path> outputs = List.of(cohortOut, truthOut, carriersPath);
            return new SpikeResult(rows, sampleIds.size(), outputs, notes);
        } catch (IOException e) {
            throw TextInput.readFailure(request.input(), e);
        }
    }

    /** A spike with its cohort contig name and genotypes. */
    private record Planned(SpikeVariant v, String chrom, int[] gt, int order) {
        String line() {
            StringBuilder sb = new StringBuilder(64 + 4 * gt.length);
            sb.append(chrom).append('\t').append(v.pos()).append('\t').append(v.id()).append('\t').append(v.ref())
                    .append('\t').append(v.alt()).append("\t.\tPASS\t").append(v.outputInfo()).append("\tGT");
            for (int g : gt) {
                sb.append('\t').append(GT_TEXT[g]);
            }
            return sb.toString();
        }
    }

    /** Copies the cohort records, inserting the planned spikes in position order; returns records copied. */
    private static long merge(BufferedReader in, long lineNo, SpikeRequest request, Map<String, Long> lengths,
                              List<Planned> planned, IndexedVcfText cohort, IndexedVcfText truth) throws IOException {
        Path input = request.input();
        Map<String, List<Planned>> byContig = new LinkedHashMap<>();
        for (Planned p : planned) {
            byContig.computeIfAbsent(p.chrom(), c -> new ArrayList<>()).add(p);
        }
        for (List<Planned> l : byContig.values()) {
            l.sort(Comparator.comparingLong((Planned p) -> p.v().pos()).thenComparingInt(Planned::order));
        }
        Set<String> done = new LinkedHashSet<>();
        String current = null;
        int next = 0;
        List<Planned> pending = List.of();
        long copied = 0;
        long last = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            int t1 = line.indexOf('\t');
            int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
            if (t2 < 0) {
                throw new InputException(input, lineNo, "POS", "record has fewer than 2 columns");
            }
            String chrom = line.substring(0, t1);
            long pos;
            try {
                pos = Long.parseLong(line.substring(t1 + 1, t2));
            } catch (NumberFormatException e) {
                throw new InputException(input, lineNo, "POS", "'" + line.substring(t1 + 1, t2) + "' is not a position");
            }
            if (!chrom.equals(current)) {
                if (current != null) {
                    flush(pending, next, Long.MAX_VALUE, cohort, truth);
                    done.add(current);
                }
                if (done.contains(chrom)) {
                    throw new InputException(input, lineNo, "CHROM", "records of contig '" + chrom
                            + "' are not contiguous (sort the VCF, e.g. bcftools sort)");
                }
                current = chrom;
                pending = byContig.getOrDefault(chrom, List.of());
                next = 0;
                last = 0;
            }
            if (pos < last) {
                throw new InputException(input, lineNo, "POS", "position " + pos + " comes after " + last + " on "
                        + "contig '" + chrom + "': the VCF is not sorted (sort it, e.g. bcftools sort)");
            }
            last = pos;
            Long length = lengths.get(chrom);
            if (length != null && pos > length) {
                throw new InputException(input, lineNo, "POS", "position " + pos + " is past the end of contig '"
                        + chrom + "' (length " + length + " in the ##contig header)");
            }
            next = flush(pending, next, pos, cohort, truth);
            sameReference(pending, next, pos, line, t2, input, lineNo, request.spikes());
            cohort.record(line, chrom, pos, pos + refLength(line, pos, t2));
            copied++;
        }
        if (current != null) {
            flush(pending, next, Long.MAX_VALUE, cohort, truth);
            done.add(current);
        }
        for (Map.Entry<String, List<Planned>> e : byContig.entrySet()) {
            if (!done.contains(e.getKey())) {
                flush(e.getValue(), 0, Long.MAX_VALUE, cohort, truth);
            }
        }
        return copied;
    }

    /** Bases the record spans after POS (for the index): INFO END when present, else the REF length - 1. */
    private static long refLength(String line, long pos, int t2) {
        String[] f = line.split("\t", 9);
        if (f.length > 7) {
            for (String kv : f[7].split(";")) {
                if (kv.startsWith("END=")) {
                    try {
                        return Math.max(0, Long.parseLong(kv.substring(4)) - pos);
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
            }
        }
        int t3 = line.indexOf('\t', t2 + 1);
        int t4 = t3 < 0 ? -1 : line.indexOf('\t', t3 + 1);
        return t4 < 0 ? 0 : Math.max(0, t4 - t3 - 2);
    }

    /**
     * Refuses a spike at the position of cohort record {@code line} whose REF disagrees with the record's REF (on
     * their common length): the spikes were made on another reference, and the merged VCF would state two REFs.
     */
    private static void sameReference(List<Planned> pending, int next, long pos, String line, int t2, Path input,
                                      long lineNo, Path spikes) {
        String cohortRef = null;
        for (int i = next; i < pending.size() && pending.get(i).v().pos() == pos; i++) {
            if (cohortRef == null) {
                int t3 = line.indexOf('\t', t2 + 1);
                int t4 = t3 < 0 ? -1 : line.indexOf('\t', t3 + 1);
                if (t4 < 0) {
                    return;
                }
                cohortRef = line.substring(t3 + 1, t4).toUpperCase(java.util.Locale.ROOT);
            }
            SpikeVariant v = pending.get(i).v();
            int n = Math.min(cohortRef.length(), v.ref().length());
            if (!cohortRef.regionMatches(0, v.ref(), 0, n)) {
                throw new InputException(input, lineNo, "REF", "REF " + cohortRef + " at " + pending.get(i).chrom()
                        + ":" + pos + " differs from REF " + v.ref() + " of spike " + v.id() + " (" + spikes + ":"
                        + v.line() + "); were the spikes made on another reference?");
            }
        }
    }

    /** Writes pending spikes with position &lt; {@code before}; returns the next unwritten index. */
    private static int flush(List<Planned> pending, int next, long before, IndexedVcfText cohort,
                             IndexedVcfText truth) {
        while (next < pending.size() && pending.get(next).v().pos() < before) {
            Planned p = pending.get(next++);
            String l = p.line();
            long end = Math.max(p.v().pos(), p.v().end());
            cohort.record(l, p.chrom(), p.v().pos(), end);
            truth.record(l, p.chrom(), p.v().pos(), end);
        }
        return next;
    }

    private static List<String> outputHeader(List<String> header, long seed, SpikeRequest request) {
        List<String> out = new ArrayList<>();
        Set<String> existingIds = new LinkedHashSet<>();
        for (String h : header) {
            int id = h.indexOf("<ID=");
            if (id > 0) {
                int end = h.indexOf(',', id);
                existingIds.add(h.substring(0, id) + h.substring(id + 4, end < 0 ? h.length() - 1 : end));
            }
        }
        for (String h : header.subList(0, header.size() - 1)) {
            out.add(h);
        }
        if (out.isEmpty() || !out.get(0).startsWith("##fileformat")) {
            out.add(0, "##fileformat=VCFv4.2");
        }
        for (String extra : EXTRA_HEADER) {
            int id = extra.indexOf("<ID=");
            int end = extra.indexOf(',', id);
            if (!existingIds.contains(extra.substring(0, id) + extra.substring(id + 4, end))) {
                out.add(extra);
            }
        }
        out.add("##genosynth_spike=<spikes=" + request.spikes().getFileName() + ",design="
                + request.design().getFileName() + ",seed=" + seed + ">");
        out.add(header.get(header.size() - 1));
        return out;
    }

    /** The lengths the cohort's {@code ##contig} lines give (contigs without {@code length=} are absent). */
    private static Map<String, Long> headerLengths(List<String> header) {
        Map<String, Long> lengths = new LinkedHashMap<>();
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("^##contig=<ID=([^,>]+).*[<,]length=(\\d{1,18})[,>]");
        for (String h : header) {
            java.util.regex.Matcher m = p.matcher(h);
            if (m.find()) {
                lengths.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return lengths;
    }

    private static List<String> headerContigs(List<String> header, Path input) {
        List<String> names = new ArrayList<>();
        for (int line = 0; line < header.size(); line++) {
            String h = header.get(line);
            if (h.startsWith("##contig=<ID=")) {
                int end = h.indexOf(',', 13);
                int gt = h.indexOf('>', 13);
                int stop = end < 0 ? gt : gt < 0 ? end : Math.min(end, gt);
                if (stop < 0) {
                    throw new InputException(input, line + 1, "##contig", "no closing '>' in '" + h + "'");
                }
                names.add(h.substring(13, stop));
            }
        }
        return names;
    }

    /** The cohort's name for a spike contig: alias, then chr-prefix matching against the header's contigs. */
    private static String contigName(String chrom, List<String> headerContigs, Map<String, String> aliases,
                                     List<String> notes) {
        if (aliases != null && aliases.containsKey(chrom)) {
            return aliases.get(chrom);
        }
        if (headerContigs.isEmpty() || headerContigs.contains(chrom)) {
            return chrom;
        }
        String resolved = new ContigAliases(headerContigs, Map.of()).resolve(chrom);
        if (resolved == null) {
            throw InputException.usage("spike contig '" + chrom + "' is not among the cohort's contigs "
                    + headerContigs.subList(0, Math.min(5, headerContigs.size())) + "...; map it with "
                    + "--contig-alias " + chrom + "=NAME");
        }
        String note = "spike contig " + chrom + " written as " + resolved;
        if (!notes.contains(note)) {
            notes.add(note);
        }
        return resolved;
    }

    /** CASE/CONTROL/UNKNOWN per sample from the design's phenotype, or null when it has none. */
    private static int[] groups(SpikeDesign design, List<String> sampleIds, List<String> notes) {
        if (design.phenotype() == null) {
            return null;
        }
        List<Sample> samples = sampleIds.stream().map(Sample::of).toList();
        PhenotypeTable table = PhenotypeReader.readOne(design.phenotype(), samples, design.phenoColumn());
        notes.addAll(table.notes());
        double[] y = table.column(0);
        boolean zero = false;
        boolean two = false;
        for (double v : y) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (v == 0) {
                zero = true;
            } else if (v == 2) {
                two = true;
            } else if (v != 1) {
                throw InputException.inFile(design.phenotype(), "phenotype '" + design.phenoColumn()
                        + "' is not binary: value " + v + " (0 = control / 1 = case, or 1 = control / 2 = case)");
            }
        }
        boolean plink = two;
        if (zero && two) {
            notes.add("phenotype holds 0, 1 and 2: read as PLINK's 1 = control, 2 = case, 0 = missing");
        }
        int[] g = new int[y.length];
        for (int s = 0; s < y.length; s++) {
            double v = y[s];
            if (Double.isNaN(v) || plink && v == 0) {
                g[s] = CarrierPicker.UNKNOWN;
            } else {
                g[s] = (plink ? v == 2 : v == 1) ? CarrierPicker.CASE : CarrierPicker.CONTROL;
            }
        }
        return g;
    }
}
