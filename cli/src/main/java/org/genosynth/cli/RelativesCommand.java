package org.genosynth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.relatives.PedigreeSpec;
import org.genosynth.relatives.RelativesJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth relatives}: synthetic families with recombination from founders of a cohort. */
@Command(name = "relatives", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build families on founders drawn at random (without replacement) from the input and simulate "
            + "every meiosis with crossovers along the genetic map (Haldane: Poisson crossovers, no interference; "
            + "sex-specific maps when the map file has CM_MALE and CM_FEMALE). Phased inputs transmit real "
            + "haplotypes and give a phased output (paternal haplotype first); unphased inputs are transmitted at "
            + "genotype level: each founder's heterozygous sites get one random phase, kept for all its meioses, so "
            + "IBD segments and Mendelian inheritance are exact. Autosomes only.",
            "--pedigree is a file of 'DESIGN COUNT' lines or an inline list 'design=count,...'. Designs: "
            + "parent-offspring, full-siblings, half-siblings, grandparent, avuncular, first-cousins (COUNT families "
            + "each, fresh founders for each) and syngen6 (per population: COUNT founder couples -> COUNT first-, "
            + "COUNT/2 second- and COUNT/4 third-degree descendants, as SynGen6; COUNT a multiple of 4).",
            "Writes the genotypes (input's format unless --output-format; everyone gets a fresh ID, the pedigree "
            + "is in the .fam / VCF sample lines), OUT.pairs.tsv (IID1 IID2 RELATIONSHIP DEGREE EXPECTED_KINSHIP for "
            + "every related pair) and OUT.meioses.tsv (crossovers of every meiosis). Founders should be unrelated "
            + "and from one population per family for the kinship bands to hold."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth relatives --input founders.vcf.gz --pedigree full-siblings=50,first-cousins=50 \\",
            "      --out rel/fam",
            "  genosynth relatives --input cohort.bed --pedigree spec.tsv --genetic-map map.txt --seed 3 --out rel/c",
            "  genosynth relatives --input synth.bed --pedigree syngen6=200 --populations pops.txt --out rel/sg6"})
final class RelativesCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--pedigree", required = true, paramLabel = "SPEC",
            description = "Pedigree spec: a file of DESIGN COUNT lines, or design=count,design=count.")
    String pedigree;

    @Option(names = "--genetic-map", paramLabel = "FILE",
            description = "Genetic map (docs/formats.md): CHROM POS CM or CHROM POS CM_MALE CM_FEMALE lines, "
                    + "SHAPEIT/HapMap files with a header, or a PLINK .map; plain or .gz. Default: the input's cM, "
                    + "else --cm-per-mb.")
    Path geneticMap;

    @Option(names = "--cm-per-mb", paramLabel = "R", defaultValue = "1.0",
            description = "Recombination rate for chromosomes without cM (default ${DEFAULT-VALUE} cM/Mb).")
    double cmPerMb;

    @Option(names = "--populations", paramLabel = "FILE",
            description = "IID POPULATION lines (for syngen6 founders); default the samples' own labels.")
    Path populations;

    @Option(names = "--no-founders", description = "Write only the descendants.")
    boolean noFounders;

    @Option(names = "--output-format", paramLabel = "FMT", description = "bed, vcf, bcf or bimbam (default: the "
            + "input's).")
    String outputFormat;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, ".bed", ".bim", ".fam", ".vcf.gz", ".vcf.gz.tbi", ".bcf",
                ".geno.txt.gz", ".anno.txt.gz", ".pairs.tsv", ".meioses.tsv");
        if (!(cmPerMb > 0)) {
            throw org.genosynth.io.InputException.usage("--cm-per-mb must be positive");
        }
        RelativesJob.Outcome o = RelativesJob.run(new RelativesJob.Request(input.input, input.toReadOptions(),
                PedigreeSpec.parse(pedigree), populations, geneticMap, cmPerMb, !noFounders,
                outputFormat == null ? null : GenotypeFormat.parse(outputFormat), seed, out));
        System.out.print(o.render());
        return 0;
    }
}
