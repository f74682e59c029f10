package org.genosynth.reads;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMProgramRecord;
import htsjdk.samtools.SAMReadGroupRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.reference.ReferenceSequence;
import htsjdk.samtools.reference.ReferenceSequenceFile;
import htsjdk.samtools.reference.ReferenceSequenceFileFactory;
import org.genosynth.exec.Backend;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;
import org.genosynth.io.vcf.IndexedVcfText;
import org.genosynth.seq.Bases;
import org.genosynth.seq.ContigAliases;
import org.genosynth.seq.Reference;
import org.genosynth.seq.Regions;

/**
 * Simulates paired-end reads of one diploid sample.
 *
 * <p>Contigs are streamed from the reference one at a time; for each, both haplotypes are built from the sample's
 * variants ({@link Haplotype}) and cut into units (windows of {@value #WINDOW} reference bases, or groups of capture
 * targets) per haplotype. Each unit has its own seed and is simulated by a {@link ReadKernel} on a worker; results are
 * written in unit order, so the output bytes do not depend on the thread count. Each haplotype gets half the pairs:
 * {@code coverage x length / (4 x readLength)}, apportioned to units by cumulative rounding.
 *
 * <p>Outputs: {@code PREFIX_R1.fastq.gz}, {@code PREFIX_R2.fastq.gz}, {@code PREFIX.golden.bam} (+ .bai, true
 * alignments, coordinate-sorted; tag HP = haplotype) and {@code PREFIX.golden.vcf.gz} (+ .tbi, the alleles actually
 * applied, phased as simulated).
 */
public final class ReadSimulator {
    static final int WINDOW = 250_000;
    /** Deflate level of the golden BAM (htsjdk's default is 5; 1 writes it about twice as fast, ~15% larger). */
    static final int BAM_LEVEL = 1;

    private ReadSimulator() {
    }

    public static ReadsResult run(ReadsRequest req) {
        try (ExecutionContext context = ExecutionContext.local(req.threads())) {
            return run(req, context);
        }
    }

    /** Simulates the reads, the read units on {@code context}'s backend. */
    public static ReadsResult run(ReadsRequest req, ExecutionContext context) {
        validate(req);
        List<String> notes = new ArrayList<>();
        Reference reference = Reference.open(req.reference());
        int longest = reference.lengths().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (longest < req.fragmentMean()) {
            throw InputException.inFile(req.reference(), "every contig is shorter (longest: " + longest + " bp) than "
                    + "the fragment length " + req.fragmentMean() + " (--fragment-mean): no read fits");
        }
        ContigAliases aliases = new ContigAliases(reference.names(), req.contigAliases());
        SampleVariants variants = SampleVariants.load(req.vcf(), req.sample(), aliases, req.seed());
        Regions targets = req.targets() == null ? null : Regions.read(req.targets());
        Map<String, String> targetContigs = new java.util.HashMap<>();
        if (targets != null) {
            for (String c : targets.contigs()) {
                String r = aliases.resolve(c);
                if (r == null) {
                    throw InputException.inFile(req.targets(), "target contig '" + c + "' is not in the reference; "
                            + "map it with --contig-alias " + c + "=NAME");
                }
                targetContigs.put(r, c);
            }
        }
        QualityModel model = req.qualityModel() == null ? QualityModel.defaultModel(req.readLength())
                : QualityModel.read(req.qualityModel());
        notes.add("quality model: " + (req.qualityModel() == null ? "built-in" : req.qualityModel().getFileName())
                + " (" + model + "; expected error rate "
                + String.format(java.util.Locale.ROOT, "%.4f", model.expectedErrorRate()) + ")");
        SAMFileHeader header = header(reference, req);
        Path r1 = Path.of(req.out() + "_R1.fastq.gz");
        Path r2 = Path.of(req.out() + "_R2.fastq.gz");
        Path bam = Path.of(req.out() + ".golden.bam");
        Path vcf = Path.of(req.out() + ".golden.vcf.gz");
        long[] pairs = new long[1];
        long[] applied = new long[1];
        long[] skipped = new long[1];
        try (AtomicOutput atomic = new AtomicOutput()) {
            write(context.backend(), req, reference, variants, targets, targetContigs, model, header, atomic, r1, r2, bam, vcf, pairs, applied,
                    skipped);
            double perHaplotype = req.coverage() / (4.0 * req.readLength()) * longest;
            if (pairs[0] == 0 && targets == null && perHaplotype < 0.5) {
                // the coverage, not the reference, is why no read was made: each haplotype of the longest contig gets
                // round(coverage / (4 x read length) x its length) pairs
                throw InputException.usage(String.format(java.util.Locale.ROOT, "--coverage %s is too low: it gives "
                        + "%.2g read pairs per haplotype of the longest contig (%d bp, reads of %d bp), which round "
                        + "to none; use at least --coverage %.4g", java.math.BigDecimal.valueOf(req.coverage())
                        .stripTrailingZeros().toPlainString(), perHaplotype, longest,
                        req.readLength(), 2.0 * req.readLength() / longest));
            }
            if (pairs[0] == 0) {
                // never publish empty FASTQs: every contig is shorter than a fragment, or all N
                throw InputException.inFile(req.reference(), "no read pairs could be simulated: no contig"
                        + (targets == null ? "" : " target") + " has " + req.fragmentMean() + " consecutive "
                        + "non-N bases for a fragment (--fragment-mean) at --coverage " + req.coverage());
            }
            atomic.commit();
        }
        if (variants.uncoverable > 0) {
            notes.add(variants.uncoverable + " variant records of " + req.sample() + " on contigs shorter than a read ("
                    + req.readLength() + " bp: " + String.join(", ", variants.uncoverableContigs) + ") are left out of "
                    + "the golden VCF: no read can cover them");
        }
        if (skipped[0] > 0) {
            notes.add(skipped[0] + " alleles overlapping an earlier allele on the same haplotype were not applied "
                    + "(absent from the golden VCF)");
        }
        List<Path> outputs = new ArrayList<>(List.of(r1, r2));
        if (req.goldenBam()) {
            outputs.add(bam);
        }
        outputs.add(vcf);
        return new ReadsResult(pairs[0], applied[0], outputs, notes);
    }

    private static void write(Backend backend, ReadsRequest req, Reference reference, SampleVariants variants, Regions targets,
                              Map<String, String> targetContigs, QualityModel model, SAMFileHeader header,
                              AtomicOutput atomic, Path r1, Path r2, Path bam, Path vcf, long[] pairs, long[] applied,
                              long[] skipped) {
        try (OutputStream o1 = new BufferedOutputStream(Files.newOutputStream(atomic.temp(r1)), 1 << 16);
             OutputStream o2 = new BufferedOutputStream(Files.newOutputStream(atomic.temp(r2)), 1 << 16);
             IndexedVcfText golden = new IndexedVcfText(vcf, atomic)) {
            SAMFileWriter bamWriter = null;
            if (req.goldenBam()) {
                Path bamTemp = atomic.temp(bam);
                String base = bamTemp.getFileName().toString();
                atomic.alsoRename(bamTemp.resolveSibling(base.substring(0, base.length() - 4) + ".bai"),
                        bam.resolveSibling(bam.getFileName() + ".bai"));
                bamWriter = new SAMFileWriterFactory().setCreateIndex(true).setCompressionLevel(BAM_LEVEL).setUseAsyncIo(true)
                        .makeBAMWriter(header, true, bamTemp);
            }
            goldenHeader(golden, reference, req.sample());
            UnitSource units = new UnitSource(req, variants, targets, targetContigs, golden, applied, skipped);
            GoldenMerger merger = bamWriter == null ? null : new GoldenMerger(bamWriter);
            SAMFileHeader kernelHeader = req.goldenBam() ? header : null;
            backend.mapOrdered(units,
                    () -> new ReadKernel(req.readLength(), req.fragmentMean(), req.fragmentSd(), model,
                            req.compressionLevel(), kernelHeader),
                    (kernel, unit) -> kernel.run(unit),
                    out -> {
                        try {
                            o1.write(out.read1());
                            o2.write(out.read2());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        pairs[0] += out.pairs();
                        if (merger != null) {
                            merger.add(out);
                        }
                    });
            if (bamWriter != null) {
                merger.finish();
                bamWriter.close();
            }
        } catch (IOException | UncheckedIOException e) {
            throw InputException.inFile(Path.of(req.out()), "cannot write outputs (" + e.getMessage() + ")");
        }
    }

    private static void validate(ReadsRequest req) {
        if (req.readLength() < 20 || req.readLength() > 1000) {
            throw InputException.usage("--read-length must be between 20 and 1000");
        }
        if (!(req.coverage() > 0) || req.coverage() > 10_000) {
            throw InputException.usage("--coverage must be > 0");
        }
        if (req.fragmentMean() < req.readLength()) {
            throw InputException.usage("--fragment-mean (" + req.fragmentMean() + ") must be at least the read length ("
                    + req.readLength() + ")");
        }
        if (req.fragmentSd() < 0) {
            throw InputException.usage("--fragment-sd must be >= 0");
        }
        if (req.compressionLevel() < 1 || req.compressionLevel() > 9) {
            throw InputException.usage("--compression-level must be 1..9");
        }
    }

    private static SAMFileHeader header(Reference reference, ReadsRequest req) {
        SAMSequenceDictionary dict = new SAMSequenceDictionary();
        for (Map.Entry<String, Integer> e : reference.lengths().entrySet()) {
            dict.addSequence(new SAMSequenceRecord(e.getKey(), e.getValue()));
        }
        SAMFileHeader h = new SAMFileHeader(dict);
        h.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        SAMReadGroupRecord rg = new SAMReadGroupRecord("gs");
        rg.setSample(req.sample());
        rg.setPlatform("ILLUMINA");
        h.addReadGroup(rg);
        SAMProgramRecord pg = new SAMProgramRecord("genosynth");
        pg.setProgramName("genosynth reads");
        pg.setCommandLine("coverage=" + req.coverage() + " read-length=" + req.readLength() + " fragment="
                + req.fragmentMean() + "+-" + req.fragmentSd() + " seed=" + req.seed());
        h.addProgramRecord(pg);
        return h;
    }

    private static void goldenHeader(IndexedVcfText golden, Reference reference, String sample) {
        golden.header("##fileformat=VCFv4.2");
        golden.header("##source=genosynth reads (alleles applied to the simulated haplotypes)");
        golden.header("##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type of structural variant\">");
        golden.header("##INFO=<ID=END,Number=1,Type=Integer,Description=\"End position of the variant\">");
        golden.header("##INFO=<ID=SVLEN,Number=.,Type=Integer,Description=\"Length change of the SV\">");
        golden.header("##INFO=<ID=SPIKE,Number=0,Type=Flag,Description=\"Variant inserted by genosynth spike\">");
        for (String alt : new String[] {"DEL", "DUP", "INV", "INS"}) {
            golden.header("##ALT=<ID=" + alt + ",Description=\"" + alt + "\">");
        }
        golden.header("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">");
        for (Map.Entry<String, Integer> e : reference.lengths().entrySet()) {
            golden.header("##contig=<ID=" + e.getKey() + ",length=" + e.getValue() + ">");
        }
        golden.header("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + sample);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Produces units contig by contig, reading each contig, building its haplotypes and writing its golden VCF
     * records when the previous contig's units are exhausted (on the calling thread).
     */
    private static final class UnitSource implements Iterator<Unit>, AutoCloseable {
        private final ReadsRequest req;
        private final SampleVariants variants;
        private final Regions targets;
        private final Map<String, String> targetContigs;
        private final IndexedVcfText golden;
        private final long[] applied;
        private final long[] skipped;
        private final ReferenceSequenceFile fasta;
        private final List<Unit> pending = new ArrayList<>();
        private int pendingAt;
        private int contigIndex = -1;
        private int unitIndex;
        private boolean done;

        UnitSource(ReadsRequest req, SampleVariants variants, Regions targets, Map<String, String> targetContigs,
                   IndexedVcfText golden, long[] applied, long[] skipped) {
            this.req = req;
            this.variants = variants;
            this.targets = targets;
            this.targetContigs = targetContigs;
            this.golden = golden;
            this.applied = applied;
            this.skipped = skipped;
            this.fasta = ReferenceSequenceFileFactory.getReferenceSequenceFile(req.reference(), true, false);
        }

        @Override
        public boolean hasNext() {
            while (pendingAt == pending.size() && !done) {
                pending.clear();
                pendingAt = 0;
                ReferenceSequence s = fasta.nextSequence();
                if (s == null) {
                    done = true;
                    close();
                    break;
                }
                contigIndex++;
                loadContig(s);
            }
            return pendingAt < pending.size();
        }

        @Override
        public Unit next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.get(pendingAt++);
        }

        @Override
        public void close() {
            try {
                fasta.close();
            } catch (IOException ignored) {
                // read-only
            }
        }

        private void loadContig(ReferenceSequence s) {
            byte[] ref = s.getBases();
            Bases.normalize(ref);
            String name = s.getName();
            List<Edit> edits = variants.byContig.getOrDefault(name, List.of());
            SampleVariants.checkAgainst(req.vcf(), name, ref, edits);
            if (ref.length < req.readLength() && !edits.isEmpty()) {
                // no read fits on the contig: its variants are in no read, so they are not in the golden truth either
                long records = edits.stream().mapToInt(Edit::record).distinct().count();
                variants.uncoverable += records;
                variants.uncoverableContigs.add(name + " (" + ref.length + " bp)");
                edits = List.of();
            }
            Haplotype h1 = Haplotype.build(ref, edits, 1, mix(req.seed() + 11L * contigIndex + 1));
            Haplotype h2 = Haplotype.build(ref, edits, 2, mix(req.seed() + 11L * contigIndex + 2));
            writeGolden(edits, h1, h2);
            skipped[0] += h1.skipped + h2.skipped;
            long margin = 2L * (req.fragmentMean() + 6L * req.fragmentSd() + req.readLength()) + 1000;
            for (Edit e : edits) {
                margin = Math.max(margin, e.refEnd() - e.pos0() + (e.alt() == null ? 0 : e.alt().length)
                        + (e.shape() == org.genosynth.seq.VariantShape.INS ? e.end0() : 0) + 2000);
            }
            if (targets == null) {
                wholeContig(name, ref, h1, h2, margin);
            } else if (targetContigs.containsKey(name)) {
                captured(name, ref, h1, h2, margin);
            }
        }

        private void writeGolden(List<Edit> edits, Haplotype h1, Haplotype h2) {
            boolean[] on1 = new boolean[edits.size()];
            boolean[] on2 = new boolean[edits.size()];
            for (int e : h1.applied) {
                on1[e] = true;
            }
            for (int e : h2.applied) {
                on2[e] = true;
            }
            for (int i = 0; i < edits.size(); i++) {
                if (on1[i] || on2[i]) {
                    Edit e = edits.get(i);
                    long pos = e.pos0() + 1;
                    long end = e.shape().isSv() && e.shape() != org.genosynth.seq.VariantShape.INS ? e.end0()
                            : pos + e.refLen() - 1;
                    String chrom = e.text().substring(0, e.text().indexOf('\t'));
                    golden.record(e.text() + "\tGT\t" + (on1[i] ? 1 : 0) + "|" + (on2[i] ? 1 : 0), chrom, pos, end);
                    applied[0]++;
                }
            }
        }

        private double pairsPerBase() {
            return req.coverage() / (4.0 * req.readLength());
        }

        private long seedOf(int hap, int window) {
            return mix(mix(req.seed() ^ 0x5DEECE66DL) + contigIndex * 0x100000001B3L + hap * 0x9E3779B97F4A7C15L
                    + window * 0xC2B2AE3D27D4EB4FL);
        }

        /** Units window by window, haplotype 1 then 2 (so golden records arrive nearly sorted). */
        private void wholeContig(String name, byte[] ref, Haplotype h1, Haplotype h2, long margin) {
            int refLength = ref.length;
            double rate = pairsPerBase();
            int window = 0;
            for (long r = 0; r < refLength; r += WINDOW, window++) {
                for (int hap = 1; hap <= 2; hap++) {
                    Haplotype h = hap == 1 ? h1 : h2;
                    long hFrom = r == 0 ? 0 : h.hapPosOf(r);
                    long hTo = r + WINDOW >= refLength ? h.length : h.hapPosOf(r + WINDOW);
                    long pairs = Math.round(rate * hTo) - Math.round(rate * hFrom);
                    if (hTo <= hFrom || pairs <= 0) {
                        continue;
                    }
                    pending.add(new Unit(unitIndex++, name, contigIndex, hap, h, ref, new long[] {hFrom},
                            new long[] {hTo}, new long[] {pairs}, false, seedOf(hap, window), r - margin));
                }
            }
        }

        /** Units of up to WINDOW/4 target bases, haplotype 1 then 2 per group. */
        private void captured(String name, byte[] ref, Haplotype h1, Haplotype h2, long margin) {
            int refLength = ref.length;
            long[] iv = targets.intervals(targetContigs.get(name));
            double rate = pairsPerBase();
            long[] cumulative = new long[3];
            List<long[]> group = new ArrayList<>();
            long span = 0;
            int window = 0;
            for (int i = 0; i < iv.length; i += 2) {
                long a = Math.max(0, iv[i] - req.targetPadding());
                long b = Math.min(refLength, iv[i + 1] + req.targetPadding());
                if (b > a) {
                    group.add(new long[] {a, b});
                    span += b - a;
                }
                if (!group.isEmpty() && (span >= WINDOW / 4 || i + 2 >= iv.length)) {
                    for (int hap = 1; hap <= 2; hap++) {
                        Haplotype h = hap == 1 ? h1 : h2;
                        long[] from = new long[group.size()];
                        long[] to = new long[group.size()];
                        long[] pairs = new long[group.size()];
                        for (int k = 0; k < group.size(); k++) {
                            from[k] = h.hapPosOf(group.get(k)[0]);
                            to[k] = Math.max(from[k] + 1, h.hapPosOf(group.get(k)[1]));
                            long len = to[k] - from[k];
                            pairs[k] = Math.round(rate * (cumulative[hap] + len)) - Math.round(rate * cumulative[hap]);
                            cumulative[hap] += len;
                        }
                        pending.add(new Unit(unitIndex++, name, contigIndex, hap, h, ref, from, to, pairs, true,
                                seedOf(hap, window), group.get(0)[0] - margin));
                    }
                    window++;
                    group.clear();
                    span = 0;
                }
            }
        }
    }
}
