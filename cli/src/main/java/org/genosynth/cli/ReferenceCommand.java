package org.genosynth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.seq.SyntheticReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code genosynth reference}: a random reference genome with realistic composition. */
@Command(name = "reference", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a random reference genome (FASTA + .fai), reproducible from --seed: Markov background "
            + "with the given GC content and CpG depletion, interspersed repeat families (Alu-like 300 bp and "
            + "LINE-like 1 kb elements, 5-20%% diverged copies, ~10%% of the sequence) and microsatellites (~1%%). "
            + "PREFIX.repeats.bed lists the repeats. For tests and benchmarks of read simulation and calling."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth reference --length 2000000 --seed 1 --out ref/synthetic"})
final class ReferenceCommand implements Callable<Integer> {
    @Option(names = "--length", paramLabel = "BP", defaultValue = "2000000",
            description = "Bases per contig (default ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--contigs", paramLabel = "N", defaultValue = "1", description = "Contigs (default 1).")
    int contigs;

    @Option(names = "--gc", paramLabel = "F", defaultValue = "0.41", description = "GC fraction (default 0.41).")
    double gc;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default 1).")
    long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX",
            description = "Output prefix: PREFIX.fa, PREFIX.fa.fai, PREFIX.repeats.bed.")
    String out;

    @Override
    public Integer call() {
        if (length < 10_000 || contigs < 1 || gc <= 0 || gc >= 1) {
            throw org.genosynth.io.InputException.usage("--length must be >= 10000, --contigs >= 1, 0 < --gc < 1");
        }
        // the sequences are made in memory (one byte per base) before they are written
        org.genosynth.util.Memory.require(1.1 * contigs * (double) length, "a reference of " + contigs + " contigs x "
                + length + " bp", "lower --contigs or --length");
        SyntheticReference.Genome g = SyntheticReference.generate(contigs, length, gc, seed);
        Path fa = Path.of(out + ".fa");
        SyntheticReference.write(g, fa, Path.of(out + ".repeats.bed"));
        System.out.println("wrote " + fa.toAbsolutePath() + " (" + contigs + " x " + length + " bp)");
        return 0;
    }
}
