package org.genosynth.reads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.seq.SyntheticReference;

/** Builders of the small inputs the spike/reads/compare tests share: cohort VCFs and spike lists. */
public final class TestCohorts {
    private TestCohorts() {
    }

    /** Sample IDs S0001..Snnnn. */
    public static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(String.format("S%04d", i));
        }
        return ids;
    }

    /**
     * A phased cohort VCF of {@code n} samples with {@code snps} background SNVs on {@code contig} at random
     * positions, genotypes drawn at a random allele frequency per SNV (Hardy-Weinberg).
     */
    public static void cohort(Path vcf, String contig, byte[] seq, int n, int snps, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        sb.append("##fileformat=VCFv4.2\n##contig=<ID=").append(contig).append(",length=").append(seq.length)
                .append(">\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
        sb.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t").append(String.join("\t", ids(n)))
                .append('\n');
        long[] pos = rnd.longs(snps, 1000, seq.length - 1000).sorted().distinct().toArray();
        for (long p : pos) {
            char ref = (char) seq[(int) p - 1];
            char alt = other(rnd, ref);
            double f = 0.05 + 0.45 * rnd.nextDouble();
            sb.append(contig).append('\t').append(p).append("\tbg").append(p).append('\t').append(ref).append('\t')
                    .append(alt).append("\t.\tPASS\t.\tGT");
            for (int s = 0; s < n; s++) {
                sb.append('\t').append(rnd.nextDouble() < f ? 1 : 0).append('|').append(rnd.nextDouble() < f ? 1 : 0);
            }
            sb.append('\n');
        }
        Files.writeString(vcf, sb.toString(), StandardCharsets.UTF_8);
    }

    static char other(SplittableRandom rnd, char ref) {
        String bases = "ACGT".replace(String.valueOf(ref), "");
        return bases.charAt(rnd.nextInt(bases.length()));
    }

    /**
     * A spike list: {@code snvs} SNVs, {@code indels} indels of 1-10 bp (insertions and deletions alternating) and
     * {@code dels} symbolic deletions of 300-800 bp, at random positions of unique sequence (no repeat within 200 bp,
     * at least 500 bp apart). IDs snvN, insN/delN, svN.
     */
    public static void spikes(Path vcf, SyntheticReference.Genome g, int snvs, int indels, int dels, long seed)
            throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] seq = g.sequences().get(0);
        String contig = g.names().get(0);
        List<long[]> used = new ArrayList<>();
        List<String[]> recs = new ArrayList<>();
        for (int i = 0; i < snvs + indels + dels; i++) {
            int span = i < snvs ? 1 : i < snvs + indels ? 12 : 800;
            long p;
            while (true) {
                p = 5000 + rnd.nextInt(seq.length - 10_000);
                long from = p - 200;
                long to = p + span + 200;
                boolean clash = g.inRepeat(0, from, to);
                for (long[] u : used) {
                    clash |= u[0] < to + 500 && from - 500 < u[1];
                }
                if (!clash) {
                    used.add(new long[] {from, to});
                    break;
                }
            }
            String ref = String.valueOf((char) seq[(int) p - 1]);
            if (i < snvs) {
                recs.add(new String[] {Long.toString(p), "snv" + i, ref, String.valueOf(other(rnd, ref.charAt(0))),
                    "."});
            } else if (i < snvs + indels) {
                int len = 1 + rnd.nextInt(10);
                if (i % 2 == 0) {
                    StringBuilder ins = new StringBuilder(ref);
                    for (int k = 0; k < len; k++) {
                        ins.append("ACGT".charAt(rnd.nextInt(4)));
                    }
                    recs.add(new String[] {Long.toString(p), "ins" + i, ref, ins.toString(), "."});
                } else {
                    String r = new String(seq, (int) p - 1, len + 1, StandardCharsets.US_ASCII);
                    recs.add(new String[] {Long.toString(p), "del" + i, r, ref, "."});
                }
            } else {
                int len = 300 + rnd.nextInt(501);
                recs.add(new String[] {Long.toString(p), "sv" + i, ref, "<DEL>",
                    "SVTYPE=DEL;END=" + (p + len) + ";SVLEN=-" + len});
            }
        }
        recs.sort((a, b) -> Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0])));
        StringBuilder sb = new StringBuilder("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        for (String[] r : recs) {
            sb.append(contig).append('\t').append(r[0]).append('\t').append(r[1]).append('\t').append(r[2])
                    .append('\t').append(r[3]).append("\t.\tPASS\t").append(r[4]).append('\n');
        }
        Files.writeString(vcf, sb.toString(), StandardCharsets.UTF_8);
    }
}
