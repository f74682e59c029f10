package org.genosynth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.reads.ReadSimulator;
import org.genosynth.reads.ReadsRequest;
import org.genosynth.reads.ReadsResult;
import org.genosynth.seq.ContigAliases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth reads}: paired-end reads of one diploid sample. */
@Command(name = "reads", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate paired-end Illumina-like reads for one sample of a VCF: both haplotypes are built "
            + "from the reference and the sample's variants (SNVs, indels, symbolic DEL/DUP/INV/INS), each fragment "
            + "comes from one haplotype so mates agree, base qualities follow a position-specific model (built-in, "
            + "or learned with 'genosynth reads-model') and errors follow the qualities. With --targets only "
            + "fragments centred on the (padded) targets are drawn: exome capture.",
            "Writes PREFIX_R1.fastq.gz, PREFIX_R2.fastq.gz, PREFIX.golden.bam (+ .bai: true alignments, sorted) "
            + "and PREFIX.golden.vcf.gz (+ .tbi: the alleles applied, phased). Output is identical at any --threads."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth reads --reference ref.fa --vcf spiked.vcf.gz --sample S0001 --coverage 30 --out sim/S0001",
            "  genosynth reads --reference hg38.fa --vcf s.vcf.gz --sample S1 --targets exome.bed --coverage 100 \\",
            "      --read-length 150 --fragment-mean 300 --fragment-sd 50 \\",
            "      --quality-model hiseq.qmodel.tsv --out sim/S1"})
final class ReadsCommand implements Callable<Integer> {
    @Option(names = "--reference", required = true, paramLabel = "REF.fa", description = "Reference FASTA.")
    Path reference;

    @Option(names = "--vcf", required = true, paramLabel = "SAMPLE.vcf.gz", description = "VCF holding the sample.")
    Path vcf;

    @Option(names = "--sample", required = true, paramLabel = "ID", description = "Sample to simulate.")
    String sample;

    @Option(names = "--targets", paramLabel = "BED", description = "Capture targets (exome); default whole genome.")
    Path targets;

    @Option(names = "--target-padding", paramLabel = "BP", defaultValue = "0",
            description = "Bases added on each side of every target (default ${DEFAULT-VALUE}).")
    int targetPadding;

    @Option(names = "--coverage", paramLabel = "C", defaultValue = "30",
            description = "Mean depth (read bases per base, on targets with --targets; default ${DEFAULT-VALUE}).")
    double coverage;

    @Option(names = "--read-length", paramLabel = "L", defaultValue = "150",
            description = "Read length (default ${DEFAULT-VALUE}).")
    int readLength;

    @Option(names = "--fragment-mean", paramLabel = "M", defaultValue = "350",
            description = "Mean fragment length (default ${DEFAULT-VALUE}).")
    int fragmentMean;

    @Option(names = "--fragment-sd", paramLabel = "S", defaultValue = "50",
            description = "Fragment length standard deviation (default ${DEFAULT-VALUE}).")
    int fragmentSd;

    @Option(names = "--quality-model", paramLabel = "FILE",
            description = "Quality model learned by 'genosynth reads-model' (default: built-in).")
    Path qualityModel;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default 1).")
    long seed;

    @Option(names = "--no-golden-bam", description = "Do not write the golden BAM.")
    boolean noBam;

    @Option(names = "--compression-level", paramLabel = "1-9", defaultValue = "1",
            description = "gzip level of the FASTQ files (default ${DEFAULT-VALUE}: fastest).")
    int compressionLevel;

    @Option(names = "--contig-alias", paramLabel = "FROM=TO", split = ",",
            description = "VCF/BED contig names to reference names (chr1 vs 1 is matched without it).")
    List<String> aliases;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: all processors). Output is identical at any count.")
    int threads;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, "_R1.fastq.gz", "_R2.fastq.gz", ".golden.bam", ".golden.bam.bai",
                ".golden.vcf.gz", ".golden.vcf.gz.tbi");
        try (ExecutionContext context = execution.open(threads, null)) {
            ReadsResult r = ReadSimulator.run(new ReadsRequest(reference, vcf, sample, targets, targetPadding,
                    coverage, readLength, fragmentMean, fragmentSd, qualityModel, out, seed, threads, !noBam,
                    compressionLevel, ContigAliases.parsePairs(aliases)), context);
            System.out.println(r.render());
        }
        return 0;
    }
}
