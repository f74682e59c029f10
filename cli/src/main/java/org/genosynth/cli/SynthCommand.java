package org.genosynth.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.InputException;
import org.genosynth.synth.SynthRequest;
import org.genosynth.synth.SynthResult;
import org.genosynth.synth.Synthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth synth}: synthetic genotypes (and phenotypes) from a real cohort. */
@Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate a synthetic cohort from a real one, with fresh sample IDs and the variant metadata "
            + "kept: PREFIX.bed/.bim/.fam (or .vcf.gz, .bcf, BIMBAM, CSV), PREFIX.populations.tsv, PREFIX.pheno.tsv "
            + "(with --pheno) and PREFIX.manifest.json (input checksums, parameters, seed, version).",
            "  auto (default): candidates are measured on 70%% of the input against the other 30%% (membership AUC "
            + "and DCR share, as evaluate computes them) and the first private one is used: the mosaic with local "
            + "donor pools at its LD-fitted length; else the mosaic with the whole population as donors at the "
            + "longest segment length measured private, also under evaluate's shared-segment attack (haplotype "
            + "mosaics: phased input at any size, unphased input phased statistically first up to 1e9 genomes x "
            + "variants, unless even the shortest segments leak as genotype mosaics); else hmm. The manifest says "
            + "what was measured and chosen.",
            "  hmm: haplotypes drawn forward from a haplotype-cluster hidden Markov model (fastPHASE) fitted by EM "
            + "(unphased input is first phased by sampling from a diploid model), per-population parameters, "
            + "populations inferred by Tracy-Widom; nothing is copied from any real genome; phased output.",
            "  mosaic: every genome is a mosaic of segments of different real genomes of its population, "
            + "switch points drawn along the genetic map (of real haplotypes, two per genome, with phased VCF/BCF "
            + "output, when every variant of the input is phased); mean segment length fitted on the data so that LD decay "
            + "matches (holdout-calibrated); privacy knobs --max-segment-cm, --min-donors, --noise, --max-kinship.",
            "  ldp: randomized response over {0,1,2} on real genomes, eps-LDP per genotype (--epsilon); "
            + "--adjacent-only is SynGen6's variant, which is NOT eps-LDP; ancestry filter on inferred populations.",
            "  context: new haplotypes drawn site by site, each allele from the training haplotypes that match the "
            + "synthetic haplotype over its longest recent context shared by at least 4 of them (nothing copied; "
            + "unphased input phased statistically first); phased output. On unrelated humans the only generator "
            + "measured to pass the shared-segment attack with the LD score within 2-fold (docs/synth.md).",
            "Same seed, same bytes, at any --threads."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth synth --input train.bed --pheno train.pheno.tsv --pheno-col 1 --n 1358 --seed 1 \\",
            "      --out syn/mouse",
            "  genosynth synth --input train.bed --infer-populations 3 --per-population P1=500,P2=500,P3=500 \\",
            "      --seed 7 --out syn/balanced",
            "  genosynth synth --input train.bed --method ldp --epsilon 4 --n 1000 --seed 1 --out syn/ldp",
            "  genosynth synth --input train.vcf.gz --method context --seed 1 --out syn/context",
            "  genosynth synth --input cohort.vcf.gz --populations pops.tsv --n 5000 --output-format vcf \\",
            "      --seed 3 --out syn/cohort",
            "  genosynth synth --input phased.vcf.gz --output-format vcf --seed 1 --out syn/phased   # a|b output",
            "  genosynth synth --input unrelated.bed --method hmm --clusters 24 --seed 1 --out syn/hmm",
            "  genosynth synth --input chr20.vcf.gz --genetic-map chr20.b37.gmap.gz --seed 1 --out syn/chr20",
            "  # SynGen6-style CSV: syn/mouse.snp.csv and syn/mouse.variant_map.csv",
            "  genosynth synth --input train.bed --output-format csv --seed 1 --out syn/mouse",
            "  # admixed genomes, their local-ancestry truth in syn/admixed.ancestry.tsv",
            "  genosynth synth --input cohort.vcf.gz --populations pops.tsv --admixed AFR_EUR=500:AFR=0.8,EUR=0.2 \\",
            "      --admixture-generations 7 --output-format vcf --seed 1 --out syn/admixed"})
final class SynthCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--pheno", paramLabel = "FILE",
            description = "Phenotypes of the input's samples (PLINK or GEMMA style): synthetic phenotypes are made.")
    Path pheno;

    @Option(names = {"--pheno-col", "--pheno-name"}, paramLabel = "COL", split = ",",
            description = "Phenotype columns to synthesize (names, 1-based numbers or ranges A-B; default: all).")
    List<String> phenoCols;

    @Option(names = "--populations", paramLabel = "FILE",
            description = "Population labels: lines 'FID IID POP' or 'IID POP'.")
    Path populations;

    @Option(names = "--infer-populations", paramLabel = "K", defaultValue = "0",
            description = "Infer K populations (exact PCA, k-means on the top PCs).")
    int inferPopulations;

    @Option(names = "--n", paramLabel = "N", defaultValue = "0",
            description = "Synthetic samples, split over populations in proportion to their real sizes "
                + "(default: as many as the input).")
    int count;

    @Option(names = "--per-population", paramLabel = "POP=COUNT", split = ",",
            description = "Synthetic samples per population (any count, also more than the real group has).")
    List<String> perPopulation;

    @Option(names = "--admixed", paramLabel = "NAME=COUNT:POP=W,POP=W...",
            description = "Add COUNT admixed genomes labelled NAME, with ancestry from the named populations (of "
                + "--populations or --infer-populations) in proportions W (normalised): ancestry tracts as after one "
                + "admixture pulse --admixture-generations ago, each tract a haplotype mosaic of its population's "
                + "real haplotypes where the other genomes are (phased input, mosaic), else drawn from its "
                + "population's haplotype-cluster HMM (nothing copied); the local-ancestry truth is "
                + "PREFIX.ancestry.tsv. Repeatable.")
    List<String> admixed;

    @Option(names = "--admixture-generations", paramLabel = "T", defaultValue = "8",
            description = "Generations since the admixture pulse: ancestry switches at rate T per Morgan along "
                + "each haplotype (default: ${DEFAULT-VALUE}).")
    double admixtureGenerations;

    @Option(names = "--admixture-alpha", paramLabel = "A",
            description = "Each admixed genome's own ancestry weights drawn from Dirichlet(A x the group's weights), "
                + "as individuals of an admixed population differ (a weight w then has SD sqrt(w (1 - w) / (A + 1))); "
                + "default: every genome has its group's weights.")
    Double admixtureAlpha;

    @Option(names = "--method", paramLabel = "auto|hmm|mosaic|ldp|context", defaultValue = "auto",
            description = "Generator (default: ${DEFAULT-VALUE}: the first of local-pool mosaic, population-pool "
                + "mosaic, hmm whose output is measured private on an inner 70/30 split of the input); hmm: "
                + "haplotypes drawn from a haplotype-cluster HMM fitted to the cohort (nothing copied from any real "
                + "genome); context: haplotypes drawn from the contexts that at least 4 training haplotypes share.")
    String method;

    @Option(names = "--clusters", paramLabel = "K", defaultValue = "0",
            description = "hmm: haplotype clusters of the drawn model (default: 16; unphased input is first phased "
                + "with a diploid model of at most 8 clusters).")
    int clusters;

    @Option(names = "--em-iterations", paramLabel = "N", defaultValue = "10",
            description = "hmm: EM iterations (default: ${DEFAULT-VALUE}).")
    int emIterations;

    @Option(names = "--families", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "hmm: reproduce the training cohort's close relatives among synthetic genomes (parent-child, "
                + "full- and half-sib pairs by meiosis from synthetic parents, in the share KING-robust kinship finds "
                + "them in the input, where its resolution tells the degree; default: on).")
    boolean families = true;

    @Option(names = "--seed", paramLabel = "S", required = true, description = "Random seed.")
    long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Option(names = "--output-format", paramLabel = "bed|vcf|bcf|bimbam|csv", defaultValue = "bed",
            description = "Output format (default: ${DEFAULT-VALUE}); csv: PREFIX.snp.csv (SampleID, then the ALT "
                + "count per SNP, NA missing) and PREFIX.variant_map.csv (CHROM,POS,ID,REF,ALT,cM). Phased VCF/BCF "
                + "output when the input is phased; bed, bimbam and csv drop the phase.")
    String outputFormat;

    @Option(names = "--segment-cm", paramLabel = "CM",
            description = "mosaic: mean segment length in cM (default: fitted on the data).")
    Double segmentCm;

    @Option(names = "--max-segment-cm", paramLabel = "CM", defaultValue = "100",
            description = "mosaic: longest segment in cM (default: ${DEFAULT-VALUE}).")
    double maxSegmentCm;

    @Option(names = "--min-donors", paramLabel = "K", defaultValue = "10",
            description = "mosaic: minimum distinct real genomes per synthetic genome (default: ${DEFAULT-VALUE}).")
    int minDonors;

    @Option(names = "--donor-pool", paramLabel = "local|population", defaultValue = "local",
            description = "mosaic: where a genome's donors come from: local (default): the members of its population "
                + "nearest to an anchor genome on the principal components; population: every member of its "
                + "population, in successive shuffles (no donor gives a second segment before every member has given "
                + "one), switching where drawn, without the --min-donors cap; privacy comes from the pool's size (one "
                + "population unless --populations or --infer-populations; measured in docs/synth.md). --method auto chooses "
                + "population pools itself where local ones leak.")
    String donorPool;

    @Option(names = "--statistical-phasing",
            description = "mosaic/auto: phase unphased input first, for every candidate (without it auto phases "
                + "only where it tries population pools; a draw from the haplotype-cluster HMM's "
                + "diploid model, refined by 5 rounds of Li-Stephens copying from 32 haplotypes of other genomes, as "
                + "SHAPEIT and Beagle phase) and copy haplotypes instead of genotypes: a copied segment is then "
                + "identical to no donor's genotypes, which the shared-segment attack of evaluate measures "
                + "(human_1kg_chr20: identical-run membership AUC 1.00 -> 0.59 at 0.1 cM; switch error rate 0.045; "
                + "docs/synth.md). Costs about 1 min on 500 genomes x 25,000 variants. Ignored (with a note) for "
                + "phased input and inbred or 0/1 strain coding.")
    boolean statisticalPhasing;

    @Option(names = "--noise", paramLabel = "RATE", defaultValue = "0",
            description = "mosaic: share of genotypes redrawn from the site's genotype frequencies "
                + "(default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--max-kinship", paramLabel = "PHI|auto|none", defaultValue = "auto",
            description = "Redraw any genome at KING kinship >= PHI to a real genome, or an exact copy; 'none' "
                + "disables the check (default: ${DEFAULT-VALUE}: 0.177, first-degree relatives, or the cohort's own "
                + "typical kinship between an unseen member and its closest training genome when that is higher, as "
                + "in a colony of sibships, or 0.0884 where no unseen member has a second-degree relative in the "
                + "cohort; 0.0884 also excludes second-degree).")
    String maxKinship;

    @Option(names = "--genetic-map", paramLabel = "FILE",
            description = "Genetic map placing every variant in cM (interpolated at its position; plain or .gz): "
                + "SHAPEIT/Eagle 'pos chr cM' or HapMap files with a header, CHROM POS CM lines, or a PLINK .map. "
                + "Default: the input's own cM (.bim column 3, VCF INFO/CM, BIMBAM annotation), else --cm-per-mb.")
    Path geneticMap;

    @Option(names = "--cm-per-mb", paramLabel = "RATE", defaultValue = "1.0",
            description = "Recombination rate when the input has no genetic map (default: ${DEFAULT-VALUE}).")
    double cmPerMb;

    @Option(names = "--signal-p", paramLabel = "P",
            description = "Phenotypes: SNPs with real LMM p below P keep their association (default: the SNPs at a "
                + "Benjamini-Hochberg false discovery rate of 5%%, a threshold that adapts to the number of tests).")
    Double signalP;

    @Option(names = "--polygenic-background", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Phenotypes: add a polygenic background (noise of covariance h2 K + (1 - h2) I, K the "
                + "synthetic relatedness matrix, in which the signal SNPs keep their real LMM statistics), h2 sized so "
                + "the synthetic REML PVE meets the real one (measured on the synthetic cohort for 12 sizes, "
                + "interpolated), then the signal SNPs' targets moved until "
                + "their LMM statistics match the real ones again (default: on; --no-polygenic-background: the signal "
                + "SNPs only, docs/synth.md).")
    boolean polygenicBackground = true;

    @Option(names = "--pheno-rounds", paramLabel = "R", defaultValue = "2",
            description = "Phenotypes: calibration rounds, each an LMM GWAS of the synthetic cohort (default: "
                + "${DEFAULT-VALUE}).")
    int phenoRounds;

    @Option(names = "--epsilon", paramLabel = "EPS", defaultValue = "6",
            description = "ldp: privacy parameter per genotype (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--adjacent-only", paramLabel = "RATE",
            description = "ldp: SynGen6's flips between adjacent values at this rate instead (NOT eps-LDP).")
    Double adjacentOnly;

    @Option(names = "--no-ancestry-filter", description = "ldp: keep samples that leave their PCA cluster.")
    boolean noAncestryFilter;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: all processors).")
    int threads;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        org.genosynth.io.Fileset.refuseOverwrite(out, ".bed", ".bim", ".fam", ".vcf", ".vcf.gz", ".bcf", ".geno.txt.gz",
                ".anno.txt.gz", ".pheno.tsv", ".populations.tsv", ".ancestry.tsv", ".manifest.json", ".snp.csv", ".variant_map.csv");
        SynthRequest.Method m = switch (method.toLowerCase(Locale.ROOT)) {
            case "auto" -> SynthRequest.Method.AUTO;
            case "mosaic" -> SynthRequest.Method.MOSAIC;
            case "hmm" -> SynthRequest.Method.HMM;
            case "ldp" -> SynthRequest.Method.LDP;
            case "context" -> SynthRequest.Method.CONTEXT;
            default -> throw InputException.usage("--method must be auto, hmm, mosaic, ldp or context, got '" + method
                    + "'");
        };
        boolean kinAuto = maxKinship.equalsIgnoreCase("auto");
        double kin = maxKinship.equalsIgnoreCase("none") ? Double.NaN
                : kinAuto ? SynthRequest.Mosaic.defaults().maxKinship() : parse("--max-kinship", maxKinship);
        SynthRequest.DonorPool pool = switch (donorPool.toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> SynthRequest.DonorPool.LOCAL;
            case "population" -> SynthRequest.DonorPool.POPULATION;
            default -> throw InputException.usage("--donor-pool must be local or population, got '" + donorPool + "'");
        };
        SynthRequest.Mosaic mosaic = new SynthRequest.Mosaic(segmentCm == null ? Double.NaN : segmentCm,
                maxSegmentCm, minDonors, noise, kin, kinAuto, cmPerMb,
                signalP == null ? Double.NaN : signalP, pool, statisticalPhasing);
        SynthRequest.Ldp ldp = new SynthRequest.Ldp(epsilon, adjacentOnly != null,
                adjacentOnly == null ? 0.005 : adjacentOnly, !noAncestryFilter);
        boolean csv = outputFormat.equalsIgnoreCase("csv");
        SynthRequest request = new SynthRequest(input.input, input.toReadOptions().withGeneticMap(geneticMap), pheno, phenoCols, populations,
                inferPopulations, count, perPopulation(), m, seed, out,
                csv ? GenotypeFormat.BED : GenotypeFormat.parse(outputFormat), mosaic, ldp, phenoRounds, threads, csv,
                new SynthRequest.Hmm(clusters, emIterations, families), polygenicBackground, admixed());
        SynthResult result;
        try (Progress progress = Progress.forTerminal();
             ExecutionContext context = execution.open(threads, progress)) {
            result = Synthesizer.run(request, context);
        }
        System.out.println(result.render());
        return 0;
    }

    /** The --admixed groups, or null. */
    private SynthRequest.Admixed admixed() {
        if (admixed == null || admixed.isEmpty()) {
            return null;
        }
        List<SynthRequest.Admixed.Group> groups = new java.util.ArrayList<>();
        for (String item : admixed) {
            String[] head = item.split(":", 2);
            String[] nameCount = head[0].split("=", 2);
            if (head.length != 2 || nameCount.length != 2 || nameCount[0].isBlank()) {
                throw InputException.usage("--admixed expects NAME=COUNT:POP=W,POP=W..., got '" + item + "'");
            }
            double count = parse("--admixed " + nameCount[0] + " count", nameCount[1]);
            if (count != Math.rint(count) || count > Integer.MAX_VALUE) {
                throw InputException.usage("--admixed " + nameCount[0] + ": the count must be a whole number, got '"
                        + nameCount[1].strip() + "'");
            }
            java.util.LinkedHashMap<String, Double> sources = new java.util.LinkedHashMap<>();
            for (String source : head[1].split(",")) {
                String[] kv = source.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw InputException.usage("--admixed " + nameCount[0] + ": expected POP=WEIGHT, got '" + source
                            + "'");
                }
                if (sources.put(kv[0].strip(), parse("--admixed " + nameCount[0] + " weight of " + kv[0].strip(),
                        kv[1])) != null) {
                    throw InputException.usage("--admixed " + nameCount[0] + ": population '" + kv[0].strip()
                            + "' is given twice");
                }
            }
            groups.add(new SynthRequest.Admixed.Group(nameCount[0].strip(), (int) count, sources));
        }
        return new SynthRequest.Admixed(groups, admixtureGenerations,
                admixtureAlpha == null ? Double.NaN : admixtureAlpha);
    }

    private Map<String, Integer> perPopulation() {
        if (perPopulation == null || perPopulation.isEmpty()) {
            return null;
        }
        Map<String, Integer> map = new LinkedHashMap<>();
        for (String item : perPopulation) {
            String[] kv = item.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw InputException.usage("--per-population expects POP=COUNT, got '" + item + "'");
            }
            map.put(kv[0].strip(), (int) parse("--per-population " + kv[0], kv[1]));
        }
        return map;
    }

    private static double parse(String option, String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw InputException.usage(option + ": not a number: '" + text + "'");
        }
        if (option.equals("--max-kinship") && !(v > 0 && v <= 0.5)) {
            // a kinship coefficient is at most 0.5 (a genome with itself); NaN used to switch the check off silently
            throw InputException.usage("--max-kinship must be a kinship coefficient above 0 and at most 0.5, 'auto' "
                    + "or 'none', got '" + text + "'");
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw InputException.usage(option + " must be a finite number, got '" + text + "'");
        }
        return v;
    }
}
