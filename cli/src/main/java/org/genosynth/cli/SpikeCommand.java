package org.genosynth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.genosynth.seq.ContigAliases;
import org.genosynth.spike.SpikeRequest;
import org.genosynth.spike.SpikeResult;
import org.genosynth.spike.Spiker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code genosynth spike}: insert known variants into chosen samples of a cohort VCF. */
@Command(name = "spike", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Insert known variants (SNVs, indels, symbolic <DEL> <DUP> <INV> <INS> with END/SVLEN) into "
            + "chosen samples of a cohort VCF. Carriers follow the YAML design: carrier frequencies or counts in "
            + "cases and controls (a binary phenotype column), a target odds ratio, explicit sample lists, or "
            + "carriers anywhere; zygosity (het, hom or a homozygous fraction) and phase (haplotype 1, 2 or random) "
            + "are chosen per variant. The cohort's records are copied unchanged; spiked records (GT, phased, INFO "
            + "SPIKE) are merged in position order.",
            "Writes PREFIX.vcf.gz (+ .tbi), PREFIX.truth.vcf.gz (+ .tbi, the spiked records) and "
            + "PREFIX.carriers.tsv (ID CHROM POS TYPE SAMPLE GROUP GT).",
            "Design (YAML):",
            "  seed: 7",
            "  phenotype: {file: pheno.tsv, column: case}",
            "  default: {samples: [S0001]}",
            "  variants:",
            "    snv1: {cases: 0.30, controls: 0.05}",
            "    snv2: {odds_ratio: 4, controls: 0.10, zygosity: 0.2}",
            "    del1: {samples: [S0001, S0002], zygosity: hom}",
            "    ins1: {carriers: 25, phase: 1}"},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth spike --input cohort.vcf.gz --variants spikes.vcf --design design.yaml --out spiked/cohort",
            "  genosynth spike --input cohort.vcf.gz --variants spikes.vcf --design design.yaml --seed 3 \\",
            "      --contig-alias chr1=1 --out spiked/cohort"})
final class SpikeCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "COHORT.vcf.gz",
            description = "Cohort VCF (.vcf or .vcf.gz), sorted, with samples.")
    Path input;

    @Option(names = "--variants", required = true, paramLabel = "SPIKES.vcf",
            description = "Variants to insert (VCF; one ALT per record; IDs name them in the design).")
    Path variants;

    @Option(names = "--design", required = true, paramLabel = "design.yaml", description = "Carrier design (YAML).")
    Path design;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (overrides the design's).")
    Long seed;

    @Option(names = "--contig-alias", paramLabel = "FROM=TO", split = ",",
            description = "Spike contig names to cohort names (chr1 vs 1 is matched without it).")
    List<String> aliases;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, ".vcf.gz", ".vcf.gz.tbi", ".truth.vcf.gz", ".truth.vcf.gz.tbi",
                ".carriers.tsv");
        SpikeResult r = Spiker.run(new SpikeRequest(input, variants, design, out, ContigAliases.parsePairs(aliases),
                seed));
        System.out.println(r.render());
        return 0;
    }
}
