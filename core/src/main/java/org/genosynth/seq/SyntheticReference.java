package org.genosynth.seq;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import htsjdk.samtools.reference.FastaSequenceIndexCreator;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;

/**
 * A random reference genome with a realistic composition, reproducible from a seed: background sequence from a
 * first-order Markov chain with the requested GC content and CpG depletion (CG dinucleotides at about a quarter of
 * their expected rate, as in mammalian genomes), interspersed repeat families (copies of a few consensus elements of
 * 300 bp, Alu-like, and 1 kb, LINE-like, each copy 5-20% diverged by substitutions and small indels, about 10% of
 * the sequence) and microsatellites / low-complexity runs (mono-, di- and trinucleotide repeats, about 1%).
 * The repeat intervals are returned so callers can tell unique from repeated sequence.
 */
public final class SyntheticReference {
    /** The sequences and, per contig, the repeat intervals as {start0, end0} pairs. */
    public record Genome(List<String> names, List<byte[]> sequences, List<List<long[]>> repeats) {
        /** True when {@code [from, to)} (0-based) of contig {@code c} overlaps a repeat. */
        public boolean inRepeat(int c, long from, long to) {
            for (long[] r : repeats.get(c)) {
                if (r[0] < to && from < r[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    private SyntheticReference() {
    }

    /** Generates {@code contigs} contigs of {@code length} bases each, named chr1.. ({@code gc} e.g. 0.41). */
    public static Genome generate(int contigs, int length, double gc, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] families = new byte[4][];
        families[0] = background(rnd, 300, 0.52);
        families[1] = background(rnd, 300, 0.50);
        families[2] = background(rnd, 300, 0.55);
        families[3] = background(rnd, 1000, 0.38);
        List<String> names = new ArrayList<>();
        List<byte[]> seqs = new ArrayList<>();
        List<List<long[]>> repeats = new ArrayList<>();
        for (int c = 0; c < contigs; c++) {
            byte[] s = background(rnd, length, gc);
            List<long[]> rep = new ArrayList<>();
            // interspersed repeats: ~10% of the sequence
            long target = length / 10;
            long placed = 0;
            while (placed < target) {
                byte[] fam = families[rnd.nextInt(families.length)];
                byte[] copy = diverged(rnd, fam, 0.05 + 0.15 * rnd.nextDouble());
                if (rnd.nextBoolean()) {
                    copy = Bases.reverseComplement(copy, 0, copy.length);
                }
                int at = rnd.nextInt(length - copy.length);
                System.arraycopy(copy, 0, s, at, copy.length);
                rep.add(new long[] {at, at + copy.length});
                placed += copy.length;
            }
            // microsatellites and low-complexity runs: ~1%
            long micro = length / 100;
            placed = 0;
            String[] units = {"A", "T", "CA", "TG", "AT", "CAG", "GAA", "TTC", "AAT"};
            while (placed < micro) {
                String unit = units[rnd.nextInt(units.length)];
                int n = 15 + rnd.nextInt(30);
                int at = rnd.nextInt(length - n);
                for (int i = 0; i < n; i++) {
                    s[at + i] = (byte) unit.charAt(i % unit.length());
                }
                rep.add(new long[] {at, at + n});
                placed += n;
            }
            rep.sort((a, b) -> Long.compare(a[0], b[0]));
            names.add("chr" + (c + 1));
            seqs.add(s);
            repeats.add(rep);
        }
        return new Genome(names, seqs, repeats);
    }

    /** Markov background with GC fraction {@code gc} and CpG depletion. */
    private static byte[] background(SplittableRandom rnd, int n, double gc) {
        byte[] s = new byte[n];
        byte prev = 'A';
        for (int i = 0; i < n; i++) {
            // raised so that the CpG depletion below brings the overall GC back to the target
            double g = Math.min(0.49, gc * 1.065) / 2;
            double a = 0.5 - g;
            double pG = prev == 'C' ? g * 0.25 : g;
            double total = 2 * a + g + pG;
            double u = rnd.nextDouble() * total;
            byte b;
            if (u < a) {
                b = 'A';
            } else if (u < 2 * a) {
                b = 'T';
            } else if (u < 2 * a + g) {
                b = 'C';
            } else {
                b = 'G';
            }
            s[i] = b;
            prev = b;
        }
        return s;
    }

    /** A copy of {@code src} with substitutions at rate {@code d} and 1-3 bp indels at rate d/10. */
    private static byte[] diverged(SplittableRandom rnd, byte[] src, double d) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(src.length + 16);
        for (int i = 0; i < src.length; i++) {
            double u = rnd.nextDouble();
            if (u < d) {
                out.write(Bases.ACGT[rnd.nextInt(4)]);
            } else if (u < d * 1.05) {
                i += rnd.nextInt(3);
            } else if (u < d * 1.1) {
                out.write(src[i]);
                for (int k = rnd.nextInt(3); k >= 0; k--) {
                    out.write(Bases.ACGT[rnd.nextInt(4)]);
                }
            } else {
                out.write(src[i]);
            }
        }
        return out.toByteArray();
    }

    /** Writes the genome as FASTA (60 bases per line) with a .fai index, and its repeats as BED when asked. */
    public static void write(Genome g, Path fasta, Path repeatsBed) {
        try (AtomicOutput atomic = new AtomicOutput()) {
            Path temp = atomic.temp(fasta);
            try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                for (int c = 0; c < g.names().size(); c++) {
                    o.write((">" + g.names().get(c) + "\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] s = g.sequences().get(c);
                    for (int i = 0; i < s.length; i += 60) {
                        o.write(s, i, Math.min(60, s.length - i));
                        o.write('\n');
                    }
                }
            }
            Path faiTemp = temp.resolveSibling(temp.getFileName() + ".fai");
            FastaSequenceIndexCreator.create(temp, true);
            atomic.alsoRename(faiTemp, fasta.resolveSibling(fasta.getFileName() + ".fai"));
            if (repeatsBed != null) {
                try (BufferedWriter w = Files.newBufferedWriter(atomic.temp(repeatsBed), StandardCharsets.UTF_8)) {
                    for (int c = 0; c < g.names().size(); c++) {
                        for (long[] r : g.repeats().get(c)) {
                            w.write(g.names().get(c) + "\t" + r[0] + "\t" + r[1] + "\n");
                        }
                    }
                }
            }
            atomic.commit();
        } catch (IOException e) {
            throw InputException.inFile(fasta, "cannot write (" + e.getMessage() + ")");
        }
    }
}
