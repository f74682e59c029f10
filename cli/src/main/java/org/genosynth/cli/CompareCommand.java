package org.genosynth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.compare.CompareRequest;
import org.genosynth.compare.CompareResult;
import org.genosynth.compare.VcfCompare;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code genosynth compare}: precision and recall of a call set against a truth set. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare variant calls with a truth set for one sample: precision, recall and F1 by type (SNV; "
            + "INDEL and its length bins 1-5, 6-15, 16-49; SV by type DEL DUP INV INS) and genotype concordance. "
            + "Records are normalised first: multi-allelic split, alleles trimmed and, with --reference, indels "
            + "left-aligned; MNPs become SNVs. Small variants match on CHROM POS REF ALT; SVs of the same type match "
            + "when both breakpoints are within --sv-max-distance and the size similarity is at least "
            + "--sv-min-size-ratio. Calls with a FILTER other than PASS are left out unless --all-filters.",
            "Writes OUT.summary.tsv (TYPE TP FP FN PRECISION RECALL F1), OUT.genotype.tsv (TYPE TP_GT GT_MATCH "
            + "GT_CONCORDANCE), OUT.fn.tsv (each false negative with a reason) and OUT.fp.tsv."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth compare --truth sim/S0001.golden.vcf.gz --calls calls.vcf.gz --reference ref.fa --out qc/S0001",
            "  genosynth compare --truth truth.vcf.gz --calls calls.vcf.gz --regions exome.bed --out qc/exome"})
final class CompareCommand implements Callable<Integer> {
    @Option(names = "--truth", required = true, paramLabel = "T.vcf.gz", description = "Truth VCF.")
    Path truth;

    @Option(names = "--calls", required = true, paramLabel = "C.vcf.gz", description = "Calls VCF.")
    Path calls;

    @Option(names = "--regions", paramLabel = "BED", description = "Compare only inside these regions.")
    Path regions;

    @Option(names = "--reference", paramLabel = "REF.fa", description = "Reference FASTA (left-aligns indels).")
    Path reference;

    @Option(names = "--truth-sample", paramLabel = "ID", description = "Truth sample (default: the first).")
    String truthSample;

    @Option(names = "--calls-sample", paramLabel = "ID", description = "Calls sample (default: the first).")
    String callsSample;

    @Option(names = "--sv-max-distance", paramLabel = "BP", defaultValue = "500",
            description = "Largest breakpoint distance for SVs to match (default ${DEFAULT-VALUE}).")
    int svMaxDistance;

    @Option(names = "--sv-min-size-ratio", paramLabel = "R", defaultValue = "0.7",
            description = "Smallest size similarity (shorter/longer) for SVs to match (default ${DEFAULT-VALUE}).")
    double svMinSizeRatio;

    @Option(names = "--all-filters", description = "Also count calls whose FILTER is not PASS.")
    boolean allFilters;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "Output prefix.")
    String out;

    @Override
    public Integer call() {
        CompareResult r = VcfCompare.run(new CompareRequest(truth, calls, regions, reference, truthSample,
                callsSample, out, svMaxDistance, svMinSizeRatio, allFilters));
        System.out.println(r.render());
        return 0;
    }
}
