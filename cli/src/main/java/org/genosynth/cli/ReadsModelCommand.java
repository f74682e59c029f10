package org.genosynth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.genosynth.reads.ModelLearner;
import org.genosynth.reads.QualityModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code genosynth reads-model}: learn a position-specific quality model from real reads. */
@Command(name = "reads-model", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learn the base-quality model of 'genosynth reads' from real reads: per read (1/2) and cycle, "
            + "the distribution of Phred qualities. Input: one or two FASTQ files (read 1, read 2) or one "
            + "SAM/BAM/CRAM (first/second of pair by flag). Writes a text table READ CYCLE QUALITY COUNT."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth reads-model real_R1.fastq.gz real_R2.fastq.gz --out hiseq.qmodel.tsv",
            "  genosynth reads-model sample.bam --max-reads 2000000 --out run.qmodel.tsv"})
final class ReadsModelCommand implements Callable<Integer> {
    @Parameters(arity = "1..2", paramLabel = "READS", description = "FASTQ (1 or 2 files) or SAM/BAM.")
    List<Path> files;

    @Option(names = "--max-reads", paramLabel = "N", defaultValue = "1000000",
            description = "Reads used per file (default ${DEFAULT-VALUE}).")
    long maxReads;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Model file to write.")
    Path out;

    @Override
    public Integer call() {
        QualityModel m = ModelLearner.learn(files, maxReads);
        m.write(out);
        System.out.println("quality model: " + m + String.format(java.util.Locale.ROOT,
                "; expected error rate %.4f", m.expectedErrorRate()));
        System.out.println("wrote " + out.toAbsolutePath());
        return 0;
    }
}
