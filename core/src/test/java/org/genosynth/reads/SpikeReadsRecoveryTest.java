package org.genosynth.reads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import org.genosynth.compare.CompareRequest;
import org.genosynth.compare.CompareResult;
import org.genosynth.compare.VcfCompare;
import org.genosynth.seq.SyntheticReference;
import org.genosynth.spike.SpikeRequest;
import org.genosynth.spike.SpikeResult;
import org.genosynth.spike.Spiker;
import org.genosynth.testing.PeerTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery QC, end to end with the Debian tools: a 2 Mb synthetic reference (GC 41%, CpG depleted,
 * ~10% diverged interspersed repeats, microsatellites), a 20-sample cohort with 300 background SNVs, 50 SNVs +
 * 20 indels (1-10 bp) + 5 symbolic deletions of 300-800 bp spiked into two samples (30% of carriers homozygous),
 * reads of one carrier at 30x, {@code bwa mem | samtools sort}, {@code bcftools mpileup | bcftools call -mv}, then
 * {@link VcfCompare} against the golden VCF and against the spike truth.
 */
class SpikeReadsRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void spikedVariantsAreRecoveredFromSimulatedReads() throws IOException {
        SyntheticReference.Genome g = SyntheticReference.generate(1, 2_000_000, 0.41, 11);
        Path ref = dir.resolve("ref.fa");
        SyntheticReference.write(g, ref, null);
        Path cohort = dir.resolve("cohort.vcf");
        TestCohorts.cohort(cohort, "chr1", g.sequences().get(0), 20, 300, 5);
        Path spikes = dir.resolve("spikes.vcf");
        TestCohorts.spikes(spikes, g, 50, 20, 5, 7);
        Path design = dir.resolve("design.yaml");
        Files.writeString(design, "seed: 3\ndefault: {samples: [S0001, S0002], zygosity: 0.3}\n");

        SpikeResult spiked = Spiker.run(new SpikeRequest(cohort, spikes, design, dir.resolve("spiked").toString(),
                Map.of(), null));
        assertThat(spiked.rows()).hasSize(75).allSatisfy(r -> assertThat(r.carriers()).isEqualTo(2));

        ReadsResult reads = ReadSimulator.run(new ReadsRequest(ref, dir.resolve("spiked.vcf.gz"), "S0001", null, 0,
                30, 150, 350, 50, null, dir.resolve("sim").toString(), 1, 2, true, 1, Map.of()));
        // 30x of a diploid 2 Mb genome in 2 x 150 bp pairs: 30 * 2e6 / 300 = 200,000 pairs (less the deletions)
        assertThat(reads.pairs()).isBetween(199_000L, 200_001L);

        // golden BAM: valid, every simulated read in it, true alignments (samtools' own mismatch count against the
        // reference equals the model's error rate, 0.0026, plus the few variant bases)
        Path golden = dir.resolve("sim.golden.bam");
        PeerTool.run(dir, "samtools", "quickcheck", golden.toString());
        String flagstat = PeerTool.run(dir, "samtools", "flagstat", golden.toString());
        assertThat(flagstat).contains((2 * reads.pairs()) + " + 0 in total", (2 * reads.pairs()) + " + 0 mapped");
        String stats = PeerTool.run(dir, "bash", "-c", "set -o pipefail; samtools calmd -b sim.golden.bam ref.fa "
                + "2>/dev/null | samtools stats -");
        double errorRate = Double.parseDouble(stats.lines().filter(l -> l.startsWith("SN\terror rate:"))
                .findFirst().orElseThrow().split("\t")[2]);
        assertThat(errorRate).isBetween(0.0026, 0.0045);
        assertHaplotypesConsistent(golden, dir.resolve("sim.golden.vcf.gz"));

        PeerTool.run(dir, "bwa", "index", ref.toString());
        PeerTool.run(dir, "bash", "-c", "set -o pipefail; bwa mem -t 2 -K 10000000 ref.fa sim_R1.fastq.gz sim_R2.fastq.gz "
                + "2>bwa.log | samtools sort -o aln.bam - 2>sort.log && samtools index aln.bam");
        PeerTool.run(dir, "bash", "-c", "set -o pipefail; bcftools mpileup -f ref.fa aln.bam 2>mpileup.log "
                + "| bcftools call -mv -Oz -o calls.vcf.gz 2>call.log");

        CompareResult all = VcfCompare.run(new CompareRequest(dir.resolve("sim.golden.vcf.gz"),
                dir.resolve("calls.vcf.gz"), null, ref, null, null, dir.resolve("cmp").toString(), 500, 0.7, false));
        System.out.println(all.render());
        assertThat(all.row("SNV").recall()).isGreaterThanOrEqualTo(0.98);
        assertThat(all.row("SNV").precision()).isGreaterThanOrEqualTo(0.98);
        assertThat(all.row("INDEL").recall()).isGreaterThanOrEqualTo(0.90);
        assertThat(all.row("INDEL").precision()).isGreaterThanOrEqualTo(0.98);
        assertThat(all.row("INDEL").tp() + all.row("INDEL").fn()).isEqualTo(20);
        assertThat(all.row("SV_DEL").tp() + all.row("SV_DEL").fn()).isEqualTo(5);
        List<String> fn = Files.readAllLines(dir.resolve("cmp.fn.tsv"));
        assertThat(fn.stream().filter(l -> l.contains("SV_DEL"))).hasSize(5)
                .allSatisfy(l -> assertThat(l).endsWith("no_sv_call_of_this_type_in_call_set"));
        assertThat(Files.readAllLines(dir.resolve("cmp.summary.tsv")).get(0))
                .isEqualTo("TYPE\tTP\tFP\tFN\tPRECISION\tRECALL\tF1");

        // the spiked variants alone (truth VCF, sample S0001)
        CompareResult spikedOnly = VcfCompare.run(new CompareRequest(dir.resolve("spiked.truth.vcf.gz"),
                dir.resolve("calls.vcf.gz"), null, ref, "S0001", null, dir.resolve("cmp_spiked").toString(), 500,
                0.7, false));
        System.out.println(spikedOnly.render());
        assertThat(spikedOnly.row("SNV").tp() + spikedOnly.row("SNV").fn()).isEqualTo(50);
        assertThat(spikedOnly.row("SNV").recall()).isGreaterThanOrEqualTo(0.98);
        assertThat(spikedOnly.row("INDEL").recall()).isGreaterThanOrEqualTo(0.90);
        assertThat(spikedOnly.row("SNV").genotypeConcordance()).isGreaterThanOrEqualTo(0.95);
    }

    /**
     * Reads carry the alleles of their haplotype (tag HP): at every heterozygous SNV of the golden VCF, the reads of
     * the haplotype holding ALT show ALT (up to sequencing errors) and the others show REF.
     */
    private static void assertHaplotypesConsistent(Path bam, Path goldenVcf) throws IOException {
        Map<Integer, int[]> hetSnv = new HashMap<>(); // pos -> {alt base, haplotype with ALT}
        try (VCFFileReader r = new VCFFileReader(goldenVcf, false)) {
            for (VariantContext vc : r) {
                if (vc.isSNP() && vc.getGenotype(0).isHet()) {
                    int hap = vc.getGenotype(0).getAllele(0).isReference() ? 2 : 1;
                    hetSnv.put(vc.getStart(), new int[] {vc.getAlternateAllele(0).getBases()[0], hap});
                }
            }
        }
        assertThat(hetSnv).hasSizeGreaterThan(50);
        long agree = 0;
        long total = 0;
        try (SamReader sr = SamReaderFactory.makeDefault().open(bam)) {
            for (SAMRecord rec : sr) {
                for (int p = rec.getAlignmentStart(); p <= rec.getAlignmentEnd(); p++) {
                    int[] v = hetSnv.get(p);
                    if (v == null) {
                        continue;
                    }
                    int off = rec.getReadPositionAtReferencePosition(p);
                    if (off == 0) {
                        continue;
                    }
                    boolean alt = rec.getReadBases()[off - 1] == v[0];
                    boolean altHap = (Integer) rec.getAttribute("HP") == v[1];
                    total++;
                    agree += alt == altHap ? 1 : 0;
                }
            }
        }
        assertThat(total).isGreaterThan(50L * 20);
        assertThat((double) agree / total).isGreaterThan(0.99);
    }
}
