package org.genosynth.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.eval.fidelity.FidelitySection;
import org.genosynth.eval.privacy.Privacy;
import org.genosynth.eval.privacy.PrivacyResult;
import org.genosynth.eval.privacy.PrivacySection;
import org.genosynth.eval.utility.UtilitySection;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.report.html.HtmlReport;
import org.genosynth.report.html.Json;
import org.genosynth.report.html.Verdict;

/**
 * {@code genosynth evaluate}: measures the fidelity, utility and privacy of a synthetic cohort against the real one
 * (and a holdout), and writes {@code report.html} (self-contained, summary of verdicts first) and
 * {@code metrics.json}. Same inputs and seed give the same bytes at any thread count.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * What was written.
     *
     * @param notes what the phenotype readers ignored (rows for samples not in a cohort), one line each, as gwas
     *              prints them
     */
    public record Result(Metrics metrics, Path report, Path metricsJson, List<Path> gwasOutputs, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }

        public String render() {
            Map<String, Object> tree = metrics.tree();
            StringBuilder sb = new StringBuilder("verdicts " + tree.get("verdict_counts"));
            // every fail, then every warn, with its value and threshold: what the counts are made of
            for (Verdict which : List.of(Verdict.FAIL, Verdict.WARN)) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) tree.get("verdicts")).entrySet()) {
                    Map<?, ?> entry = (Map<?, ?>) e.getValue();
                    if (entry.get("verdict") == which) {
                        sb.append('\n').append(which.label()).append(": ").append(e.getKey()).append(' ')
                                .append(Metrics.format((Double) entry.get("value"))).append(" (")
                                .append(entry.get("threshold")).append(')');
                    }
                }
            }
            for (String note : notes) {
                sb.append("\nnote: ").append(note);
            }
            return sb.append("\nwrote ").append(report).append("\nwrote ").append(metricsJson).toString();
        }
    }

    /**
     * Where two cohorts name the same chromosomes differently ("chr20" and "20"), how to align them; else "".
     */
    static String chromosomeNamingHint(GenotypeMatrix real, GenotypeMatrix syn) {
        Set<String> a = new java.util.TreeSet<>();
        Set<String> b = new java.util.TreeSet<>();
        real.variants().forEach(v -> a.add(v.chrom()));
        syn.variants().forEach(v -> b.add(v.chrom()));
        java.util.function.Function<String, String> bare = c -> c.regionMatches(true, 0, "chr", 0, 3) ? c.substring(3)
                : c;
        Set<String> bareA = new java.util.TreeSet<>();
        a.forEach(c -> bareA.add(bare.apply(c)));
        boolean sameOnceBare = b.stream().map(bare).anyMatch(bareA::contains);
        if (a.stream().noneMatch(b::contains) && sameOnceBare) {
            return ": the real cohort names its chromosomes " + a.iterator().next() + "..., the synthetic "
                    + b.iterator().next() + "...; rename one set (bcftools annotate --rename-chrs, plink2 "
                    + "--output-chr)";
        }
        return "";
    }

    public static Result run(EvaluationRequest req) {
        return run(req, org.genosynth.exec.ProgressListener.NONE);
    }

    /** Runs the evaluation, reporting its phases (load, privacy, fidelity, GWAS, report) to {@code progress}. */
    public static Result run(EvaluationRequest req, org.genosynth.exec.ProgressListener progress) {
        try (ExecutionContext context = ExecutionContext.local(req.threads(), progress)) {
            return run(req, context);
        }
    }

    /** Runs the evaluation on {@code context}, reporting its phases to the context's progress listener. */
    public static Result run(EvaluationRequest req, ExecutionContext context) {
        org.genosynth.exec.ProgressListener progress = context.progress();
        progress.start("evaluate", 5);
        progress.message("reading the cohorts");
        GenotypeMatrix real = GenotypeLoader.load(req.real(), req.read(), null);
        GenotypeMatrix syn = GenotypeLoader.load(req.synthetic(), req.read(), null);
        GenotypeMatrix hold = req.holdout() == null ? null : GenotypeLoader.load(req.holdout(), req.read(), null);
        // fail before the long computations when a phenotype cannot be used; keep the readers' notes
        java.util.Set<String> notes = new java.util.LinkedHashSet<>();
        if (req.pheno() != null) {
            notes.addAll(checkPhenotype(req.pheno(), req.phenoCol(), real));
            notes.addAll(checkPhenotype(req.syntheticPheno() == null ? req.pheno() : req.syntheticPheno(),
                    req.phenoCol(), syn));
            if (hold != null && req.holdoutPheno() != null) {
                notes.addAll(checkPhenotype(req.holdoutPheno(), req.phenoCol(), hold));
            }
            if (req.covar() != null) {
                notes.addAll(checkCovariates(req.covar(), req.covarCols(), real));
                notes.addAll(checkCovariates(req.syntheticCovar() == null ? req.covar() : req.syntheticCovar(),
                        req.covarCols(), syn));
            }
        }
        AlignedCohorts cohorts = AlignedCohorts.of(real, syn, hold);
        if (cohorts.variantCount() == 0) {
            throw org.genosynth.io.InputException.inFile(req.synthetic(), "no variant in common with " + req.real()
                    + " (variants are matched by chromosome and position, or by ID when the position is unknown)"
                    + chromosomeNamingHint(real, syn));
        }
        HtmlReport report = new HtmlReport("genosynth evaluation: " + req.synthetic().getFileName());
        report.fact("real (training) cohort", req.real() + " (" + real.sampleCount() + " samples, "
                + real.variantCount() + " variants)");
        report.fact("synthetic cohort", req.synthetic() + " (" + syn.sampleCount() + " samples, "
                + syn.variantCount() + " variants)");
        report.fact("holdout", req.holdout() == null ? "none (privacy metrics that need one are not measured)"
                : req.holdout() + " (" + hold.sampleCount() + " samples)");
        report.fact("shared variants", Integer.toString(cohorts.variantCount()));
        report.fact("seed", Long.toString(req.seed()));
        report.fact("genosynth", version());
        Metrics metrics = new Metrics(report);
        metrics.put("inputs", "real", req.real().toString());
        metrics.put("inputs", "synthetic", req.synthetic().toString());
        metrics.put("inputs", "holdout", req.holdout() == null ? null : req.holdout().toString());
        metrics.put("inputs", "real_samples", real.sampleCount());
        metrics.put("inputs", "synthetic_samples", syn.sampleCount());
        metrics.put("inputs", "holdout_samples", hold == null ? 0 : hold.sampleCount());
        metrics.put("inputs", "shared_variants", cohorts.variantCount());
        int nonAutosomal = org.genosynth.assoc.kinship.StructureInput.nonAutosomal(cohorts.train().variants());
        metrics.put("inputs", "non_autosomal_variants", nonAutosomal);
        if (nonAutosomal > 0) {
            report.fact("non-autosomal variants", String.format(java.util.Locale.ROOT, "%,d variants on X, Y or MT: "
                    + "left out of KING-robust kinship, PCA and the distance-based privacy measures (as plink2 leaves "
                    + "them out of KING and PCA), kept everywhere else", nonAutosomal));
        }
        metrics.put("inputs", "seed", req.seed());

        Coding coding = Coding.of(cohorts.train());
        Coding synCoding = Coding.of(cohorts.synthetic());
        metrics.put("inputs", "coding", coding.label());
        metrics.put("inputs", "coding_note", coding.note());
        metrics.put("inputs", "heterozygous_share", coding.heterozygosity());
        metrics.put("inputs", "coding_synthetic", synCoding.label());
        report.fact("genotype coding", coding.label() + (synCoding.label().equals(coding.label()) ? ""
                : " (synthetic cohort: " + synCoding.label() + ")") + ". " + coding.note());

        Set<String> realIds = Privacy.identifiers(real.samples(), hold == null ? null : hold.samples());
        progress.phase(1, "privacy: distances, kinship, membership inference");
        PrivacyResult privacy;
        privacy = Privacy.compute(cohorts, realIds, syn.samples(), req.seed(), coding.inbredOrHaploid(), true,
                context.backend());
        if (req.syntheticPheno() != null) {
            privacy = privacy.withLeakedIds(Privacy.leakedIdsInTable(realIds, req.syntheticPheno()));
        }
        progress.phase(2, "fidelity: frequencies, LD, PCA, kinship");
        FidelitySection.run(cohorts, privacy, context.backend(), req.seed(), report, metrics);
        progress.phase(3, "utility: the GWAS on both cohorts");
        List<Path> gwas = List.of();
        if (req.pheno() != null) {
            Path dir = req.outDir().resolve("gwas");
            GwasRequest r = new GwasRequest(req.real(), req.read(), req.pheno(), req.phenoCol(), req.covar(),
                    req.covarCols(), req.model(), dir.resolve("real").toString(), req.threads());
            GwasRequest s = new GwasRequest(req.synthetic(), req.read(),
                    req.syntheticPheno() == null ? req.pheno() : req.syntheticPheno(), req.phenoCol(),
                    req.syntheticCovar() == null ? req.covar() : req.syntheticCovar(), req.covarCols(), req.model(),
                    dir.resolve("synthetic").toString(), req.threads());
            boolean cm = org.genosynth.eval.fidelity.LdDecay.usesMap(real.variants());
            java.util.Map<String, Double> coordinate = new java.util.HashMap<>();
            for (org.genosynth.model.Variant v : real.variants()) {
                coordinate.putIfAbsent(AlignedCohorts.key(v), cm ? v.centimorgan() : v.position() > 0
                        ? (double) v.position() : Double.NaN);
            }
            // the same GWAS on the holdout (its own phenotypes; covariates only if the holdout's table has them)
            GwasRequest h = req.holdout() == null || req.holdoutPheno() == null ? null
                    : new GwasRequest(req.holdout(), req.read(), req.holdoutPheno(), req.phenoCol(), null, List.of(),
                            req.model(), dir.resolve("holdout").toString(), req.threads());
            UtilitySection.run(new UtilitySection.Plan(r, s, h, req.thresholds(), coordinate, cm ? "cM" : "bp",
                    cm ? req.locusWindowCm() : req.locusWindowBp()), report, metrics, context);
            gwas = h == null ? List.of(Path.of(r.outPrefix() + ".gwas.tsv"), Path.of(s.outPrefix() + ".gwas.tsv"))
                    : List.of(Path.of(r.outPrefix() + ".gwas.tsv"), Path.of(s.outPrefix() + ".gwas.tsv"),
                            Path.of(h.outPrefix() + ".gwas.tsv"));
        } else {
            report.section("Utility").text("Not measured: give --pheno (and --pheno-col) to compare a GWAS on both "
                    + "cohorts.");
        }
        progress.phase(4, "report");
        PrivacySection.run(privacy, hold != null, report, metrics);
        Path html = req.outDir().resolve("report.html");
        Path json = req.outDir().resolve("metrics.json");
        try {
            mkdirs(req.outDir());
            HtmlReport.writeText(json, Json.write(metrics.tree()));
            report.write(html);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + req.outDir(), e);
        }
        progress.phase(5, "done");
        return new Result(metrics, html, json, gwas, List.copyOf(notes));
    }

    /** Reads the phenotype column for {@code cohort} (a user error when it cannot be used); returns its notes. */
    private static List<String> checkPhenotype(Path table, String column, GenotypeMatrix cohort) {
        return org.genosynth.io.table.PhenotypeReader.readOne(table, cohort.samples().samples(), column).notes();
    }

    /** Reads the covariate columns for {@code cohort} (a user error when they cannot be used); returns the notes. */
    private static List<String> checkCovariates(Path table, List<String> columns, GenotypeMatrix cohort) {
        return org.genosynth.io.table.PhenotypeReader.readCovariates(table, cohort.samples().samples(), columns).notes();
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw org.genosynth.io.InputException.inFile(dir, "cannot create output directory: " + e.getMessage());
        }
    }

    private static String version() {
        String v = Evaluation.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
