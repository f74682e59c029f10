package org.genosynth.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.pheno.PhenoSettings;
import org.genosynth.pheno.PhenoSimulation;
import org.genosynth.relatives.RelativesJob;
import org.genosynth.report.html.Json;
import org.genosynth.synth.SynthRequest;
import org.genosynth.synth.SynthResult;
import org.genosynth.synth.Synthesizer;
import org.genosynth.watermark.WatermarkJob;

/**
 * {@code genosynth benchmark}: runs a {@link Recipe} by composing the existing steps, each writing into
 * {@code OUT/steps/}: {@link Synthesizer} (the cohort, per-population counts), {@link PhenoSimulation} (one trait
 * with known truth), {@link WatermarkJob} (watermark SNPs inserted into the cohort) and {@link RelativesJob} (families
 * on founders drawn from the cohort). Then writes the dataset under {@code OUT/NAME}: the genotypes (cohort with the
 * watermark SNPs; relatives with their founders under their cohort IDs) as VCF and/or PLINK, the phenotype and
 * population tables, SynGen6's five CSV files ({@link SynGen6Csv}), the variant map and {@code NAME.manifest.json}.
 */
public final class BenchmarkJob {
    /** Name of the phenotype column written by pheno simulate. */
    static final String TRAIT = "TRAIT1";

    private BenchmarkJob() {
    }

    /** What was built. */
    public record Outcome(Path dir, Map<String, Integer> perPopulation, int samples, int variants, int watermarkSnps,
                          int relatives, int kinshipRows, String phenotype, List<Path> files) {
        public String render() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "benchmark: %d samples x %d variants; per population %s%n", samples, variants, perPopulation));
            sb.append("  phenotype: ").append(phenotype).append(System.lineSeparator());
            sb.append(String.format(Locale.ROOT, "  %d watermark SNPs, %d relatives, %d relative-ancestor pairs%n",
                    watermarkSnps, relatives, kinshipRows));
            files.forEach(f -> sb.append("  wrote ").append(f).append(System.lineSeparator()));
            return sb.toString();
        }
    }

    /** Runs {@code recipe} into {@code outDir} with {@code threads} worker threads (0 = one per processor). */
    public static Outcome run(Recipe recipe, Path outDir, int threads) {
        try (ExecutionContext context = ExecutionContext.local(threads)) {
            return run(recipe, outDir, context);
        }
    }

    /** Runs {@code recipe} into {@code outDir} on {@code context} (its threads and backend for every step). */
    public static Outcome run(Recipe recipe, Path outDir, ExecutionContext context) {
        int threads = context.threads();
        Path steps = outDir.resolve("steps");
        try {
            Files.createDirectories(steps);
        } catch (IOException e) {
            throw InputException.inFile(outDir, "cannot create the output directory: " + e.getMessage());
        }
        String prefix = outDir.resolve(recipe.name()).toString();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("tool", "genosynth benchmark");
        manifest.put("version", version());
        manifest.put("seed", recipe.seed());
        manifest.put("recipe", Map.of("file", recipe.file().getFileName().toString(), "sha256",
                sha256(recipe.file()), "text", recipe.text()));
        manifest.put("inputs", inputs(recipe));

        // 1. the cohort
        Path cohort;
        Map<String, String> popOf;
        if (!recipe.synthetic()) {
            String synthPrefix = steps.resolve("synth").toString();
            SynthResult sr = step(recipe, "synth", () -> Synthesizer.run(new SynthRequest(recipe.input(),
                    ReadOptions.defaults(), null, List.of(), recipe.labels(), recipe.infer(), recipe.total(),
                    recipe.perPopulation(), recipe.method(), recipe.seed(), synthPrefix, GenotypeFormat.BED,
                    recipe.mosaic(), recipe.ldp(), 2, threads, false, recipe.hmm(), true, recipe.admixed()), context));
            Map<String, Object> sm = new LinkedHashMap<>(sr.manifest());
            sm.remove("seconds");
            sm.remove("outputs");
            sm.remove("inputs");
            manifest.put("synth", sm);
            delete(Path.of(synthPrefix + ".manifest.json")); // holds the run time: not reproducible bytes
            cohort = Path.of(synthPrefix);
            popOf = Populations.read(Path.of(synthPrefix + ".populations.tsv"));
        } else {
            cohort = recipe.input();
            popOf = null;
        }
        GenotypeMatrix cohortMatrix = GenotypeLoader.load(cohort, ReadOptions.defaults(), null);
        if (popOf == null) {
            popOf = recipe.labels() != null ? Populations.read(recipe.labels()) : new HashMap<>();
            if (recipe.labels() == null) {
                for (Sample s : cohortMatrix.samples().samples()) {
                    popOf.put(s.id(), "ALL");
                }
            }
        }
        List<String> pops = new ArrayList<>();
        for (Sample s : cohortMatrix.samples().samples()) {
            String p = popOf.get(s.id());
            if (p == null) {
                throw InputException.inFile(recipe.labels() != null ? recipe.labels() : cohort,
                        "no population label for sample " + s.id());
            }
            pops.add(p);
        }
        Map<String, Integer> counts = new TreeMap<>();
        pops.forEach(p -> counts.merge(p, 1, Integer::sum));

        // 2. the phenotype
        Recipe.Pheno ph = recipe.pheno();
        String phenoPrefix = steps.resolve("pheno").toString();
        PhenoSimulation.Outcome po = step(recipe, "phenotype", () -> PhenoSimulation.run(new PhenoSimulation.Request(
                cohort, ReadOptions.defaults(), null, List.of(), new PhenoSettings(ph.causal(), ph.causalFraction(),
                null, ph.causalMaf(), ph.alpha(), ph.h2(), ph.h2Causal(), 0, 0, 1, 0, 0, ph.prevalence(),
                ph.cases(), ph.controls(), recipe.seed()), phenoPrefix), context));
        Path phenoFile = Path.of(phenoPrefix + ".pheno.tsv");
        var vc = po.simulation().variance().get(0);
        String phenoText = ph.binary() ? String.format(Locale.ROOT, "binary, %d cases, %d controls, realized h2 %.4f",
                vc.cases(), vc.controls(), vc.h2()) : String.format(Locale.ROOT, "quantitative, realized h2 %.4f",
                vc.h2());
        manifest.put("phenotype", Map.of("column", TRAIT, "description", phenoText));

        // 3. the watermark
        Path dataset = cohort;
        WatermarkJob.Outcome wo = null;
        String wmPrefix = steps.resolve("watermark").toString();
        if (recipe.watermark() != null) {
            Recipe.Watermark w = recipe.watermark();
            byte[] key = w.keyed() ? readKey(w.keyFile()) : null;
            wo = step(recipe, "watermark", () -> WatermarkJob.add(new WatermarkJob.Request(cohort,
                    ReadOptions.defaults(), phenoFile, TRAIT, w.keyed() ? WatermarkJob.Mode.KEYED
                    : WatermarkJob.Mode.SYNGEN6, w.count(), w.eps(), w.z0(), w.targetP(), key, recipe.seed(),
                    GenotypeFormat.BED, wmPrefix)));
            dataset = Path.of(wmPrefix);
            manifest.put("watermark", Map.of("mode", w.keyed() ? "keyed" : "syngen6", "snps", wo.ids().size(),
                    "truth", "steps/watermark.watermark.tsv (keep secret)"));
        }

        // 4. the relatives
        RelativesJob.Outcome ro = null;
        String relPrefix = steps.resolve("relatives").toString();
        if (recipe.relatives() != null) {
            Recipe.Relatives r = recipe.relatives();
            Path popFile = Populations.writeIidPop(steps.resolve("relatives.populations.txt"),
                    cohortMatrix.samples().samples(), pops);
            ro = step(recipe, "relatives", () -> RelativesJob.run(new RelativesJob.Request(cohort,
                    ReadOptions.defaults(), r.pedigree(), popFile, r.geneticMap(), r.cmPerMb(), true,
                    GenotypeFormat.BED, recipe.seed(), relPrefix)));
            manifest.put("relatives", Map.of("founders", ro.founders(), "descendants", ro.descendants(),
                    "related_pairs", ro.pairs(), "mean_crossovers_per_meiosis", ro.meanCrossovers()));
        }

        // 5. the dataset
        List<Path> files = new ArrayList<>();
        // one variant order for every output: sorted as VCF needs it
        GenotypeMatrix cohortSorted = GenotypeOutput.sorted(cohortMatrix);
        GenotypeMatrix data = dataset.equals(cohort) ? cohortSorted
                : GenotypeOutput.sorted(GenotypeLoader.load(dataset, ReadOptions.defaults(), null));
        GenotypeMatrix rel = null;
        SampleSheet relSheet = null;
        if (ro != null) {
            rel = GenotypeOutput.sorted(GenotypeLoader.load(Path.of(relPrefix), ReadOptions.defaults(), null));
            relSheet = renameFounders(rel.samples(), ro.founderSources(), popOf);
        }
        for (Recipe.Format f : recipe.formats()) {
            if (f == Recipe.Format.CSV) {
                continue;
            }
            GenotypeFormat gf = f == Recipe.Format.VCF ? GenotypeFormat.VCF : GenotypeFormat.BED;
            files.addAll(GenotypeOutput.write(data, data.samples(), prefix, gf));
            if (rel != null) {
                files.addAll(GenotypeOutput.write(rel, relSheet, prefix + ".relatives", gf));
            }
        }
        int kinshipRows = 0;
        try (AtomicOutput out = new AtomicOutput()) {
            files.add(copy(out, phenoFile, Path.of(prefix + ".pheno.tsv")));
            files.add(Populations.write(out, Path.of(prefix + ".populations.tsv"), cohortMatrix.samples().samples(),
                    pops));
            if (recipe.admixed() != null) {
                // the admixed genomes' local-ancestry truth (synth's PREFIX.ancestry.tsv)
                files.add(copy(out, steps.resolve("synth.ancestry.tsv"), Path.of(prefix + ".ancestry.tsv")));
            }
            if (recipe.formats().contains(Recipe.Format.CSV)) {
                SynGen6Csv csv = new SynGen6Csv(out, prefix);
                files.add(csv.snps(cohortSorted, pops));
                files.add(csv.phenotype(cohortMatrix.samples().samples(), phenoFile, ph.binary()));
                if (wo != null) {
                    files.add(copy(out, Path.of(wmPrefix + ".watermark.csv"), Path.of(prefix + "_watermarksnp.csv")));
                }
                if (ro != null) {
                    SynGen6Csv.Kinship k = csv.kinship(Path.of(relPrefix + ".pairs.tsv"), ro.founderSources(), rel,
                            relSheet, context.backend());
                    kinshipRows = k.rows();
                    files.add(k.file());
                    files.add(csv.relativeSnps(rel, relSheet, ro.founderSources().values()));
                }
                files.add(csv.variantMap(data.variants()));
            }
            manifest.put("per_population", counts);
            Path base = outDir.toAbsolutePath().normalize(); // relative --out: relativize needs both absolute
            manifest.put("outputs", files.stream().map(p -> base.relativize(p.toAbsolutePath().normalize()).toString())
                    .toList());
            Path mf = Path.of(prefix + ".manifest.json");
            try {
                Files.writeString(out.temp(mf), Json.write(normalize(manifest)) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + mf, e);
            }
            files.add(mf);
            out.commit();
        }
        return new Outcome(outDir, counts, data.sampleCount(), data.variantCount(), wo == null ? 0 : wo.ids().size(),
                ro == null ? 0 : ro.descendants(), kinshipRows, phenoText, files);
    }

    /** Runs a step; an error about an option (no file) is reported against the recipe's section instead. */
    private static <T> T step(Recipe recipe, String section, Supplier<T> body) {
        try {
            return body.get();
        } catch (InputException e) {
            if (e.file() != null) {
                throw e;
            }
            throw new InputException(recipe.file(), 0, section, e.getMessage().replace("--", ""));
        }
    }

    /** The relatives' sample sheet with each founder under the ID (and family) of the cohort sample it is. */
    private static SampleSheet renameFounders(SampleSheet sheet, Map<String, String> sources, Map<String, String> pop) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : sheet.samples()) {
            String id = sources.getOrDefault(s.id(), s.id());
            String father = sources.getOrDefault(s.fatherId(), s.fatherId());
            String mother = sources.getOrDefault(s.motherId(), s.motherId());
            out.add(new Sample(s.familyId(), id, father, mother, s.sex(), pop.get(id)));
        }
        return SampleSheet.of(out);
    }

    private static byte[] readKey(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read the key: " + e.getMessage());
        }
    }

    private static Path copy(AtomicOutput out, Path from, Path to) {
        try {
            Files.copy(from, out.temp(to), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + to, e);
        }
        return to;
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + p, e);
        }
    }

    private static List<Map<String, String>> inputs(Recipe r) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Path p : inputFiles(r)) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("file", p.getFileName().toString());
            m.put("sha256", sha256(p));
            out.add(m);
        }
        return out;
    }

    /** The files a recipe reads (not the recipe itself): the cohort's files, labels, genetic map, watermark key. */
    public static List<Path> inputFiles(Recipe r) {
        List<Path> files = new ArrayList<>();
        String in = r.input().toString().replaceFirst("\\.(bed|bim|fam)(\\.gz)?$", "");
        for (String ext : List.of(".bed", ".bim", ".fam", ".bed.gz", ".bim.gz", ".fam.gz")) {
            Path p = Path.of(in + ext);
            if (Files.isRegularFile(p)) {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            files.add(r.input());
        }
        if (r.labels() != null) {
            files.add(r.labels());
        }
        if (r.relatives() != null && r.relatives().geneticMap() != null) {
            files.add(r.relatives().geneticMap());
        }
        if (r.watermark() != null && r.watermark().keyFile() != null) {
            files.add(r.watermark().keyFile());
        }
        return files;
    }

    static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) > 0; ) {
                md.update(buf, 0, k);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + p, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Maps of unspecified order (Map.of) become sorted, so the manifest's bytes do not depend on the JVM run. */
    @SuppressWarnings("unchecked")
    private static Object normalize(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = m instanceof LinkedHashMap<?, ?> || m instanceof SortedMap<?, ?>
                    ? new LinkedHashMap<>() : new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(BenchmarkJob::normalize).toList();
        }
        return o;
    }

    private static String version() {
        String v = BenchmarkJob.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
