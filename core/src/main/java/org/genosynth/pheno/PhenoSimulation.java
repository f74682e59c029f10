package org.genosynth.pheno;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.InputException;
import org.genosynth.io.NumberText;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.table.PhenotypeReader;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;
import org.genosynth.model.Variant;

/**
 * {@code genosynth pheno simulate}: loads the genotypes (and a covariate table), simulates, writes
 * {@code OUT.pheno.tsv} (PLINK-style table, one column per trait), {@code OUT.truth.tsv} (causal SNPs and covariate
 * effects), {@code OUT.variance.tsv} (variance components per trait), {@code OUT.liability.tsv} for binary traits and
 * {@code OUT.covar.tsv} when covariates were simulated.
 */
public final class PhenoSimulation {
    private PhenoSimulation() {
    }

    /**
     * @param input     genotypes
     * @param read      how to open them
     * @param covar     covariate table, or null
     * @param covarCols covariate columns (names or 1-based numbers), empty = all
     * @param settings  the model
     * @param outPrefix output prefix
     */
    public record Request(Path input, ReadOptions read, Path covar, List<String> covarCols, PhenoSettings settings,
                          String outPrefix) {
    }

    /**
     * What was written.
     *
     * @param notes what the covariate reader ignored (rows for samples not in the genotypes), one line each
     */
    public record Outcome(Simulation simulation, List<Path> files, int samples, int variants, List<String> notes) {
        public Outcome {
            notes = List.copyOf(notes);
        }

        /** A short report for the terminal. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "pheno simulate: %d samples, %d variants, %d trait(s)%n", samples,
                    variants, simulation.traitNames().size()));
            notes.forEach(n -> sb.append("note: ").append(n).append(System.lineSeparator()));
            for (Simulation.VarianceComponents v : simulation.variance()) {
                sb.append(String.format(Locale.ROOT, "  %s: realized h2 %.4f (causal %.4f, background %.4f, "
                        + "covariates %.4f, noise %.4f)", simulation.traitNames().get(v.trait()), v.h2(), v.causal(),
                        v.background(), v.covariates(), v.noise()));
                if (v.cases() >= 0) {
                    sb.append(String.format(Locale.ROOT, "; %d cases, %d controls", v.cases(), v.controls()));
                }
                sb.append(System.lineSeparator());
            }
            for (Path p : files) {
                sb.append("  wrote ").append(p).append(System.lineSeparator());
            }
            return sb.toString();
        }
    }

    /** Runs the request on one thread. */
    public static Outcome run(Request request) {
        try (org.genosynth.exec.ExecutionContext context = org.genosynth.exec.ExecutionContext.local(1)) {
            return run(request, context);
        }
    }

    /** Runs the request, the polygenic background on {@code context}'s backend. */
    public static Outcome run(Request request, org.genosynth.exec.ExecutionContext context) {
        GenotypeMatrix g = GenotypeLoader.load(request.input(), request.read(), null);
        if (g.variantCount() == 0) {
            throw org.genosynth.io.InputException.inFile(request.input(), "holds no variants");
        }
        List<Sample> samples = g.samples().samples();
        List<String> covNames = List.of();
        double[][] cov = null;
        List<String> notes = List.of();
        if (request.covar() != null) {
            PhenotypeTable table = PhenotypeReader.readCovariates(request.covar(), samples, request.covarCols());
            notes = table.notes();
            covNames = new ArrayList<>(table.names());
            cov = new double[table.columnCount()][];
            for (int k = 0; k < cov.length; k++) {
                cov[k] = table.column(k).clone();
            }
        }
        Simulation sim = PhenotypeSimulator.simulate(g, request.settings(), covNames, cov, context.backend());
        List<Path> files = write(request.outPrefix(), g, sim, request.settings().binary());
        return new Outcome(sim, files, g.sampleCount(), g.variantCount(), notes);
    }

    /** Writes the outputs of {@code sim}; returns their paths. */
    public static List<Path> write(String prefix, GenotypeMatrix g, Simulation sim, boolean binary) {
        List<Sample> samples = g.samples().samples();
        List<Path> files = new ArrayList<>();
        try (AtomicOutput out = new AtomicOutput()) {
            files.add(table(out, Path.of(prefix + ".pheno.tsv"), samples, sim.traitNames(), sim.phenotype()));
            if (binary) {
                files.add(table(out, Path.of(prefix + ".liability.tsv"), samples, sim.traitNames(),
                        sim.liability()));
            }
            if (sim.covariatesSimulated()) {
                files.add(table(out, Path.of(prefix + ".covar.tsv"), samples, sim.covariateNames(),
                        sim.covariates()));
            }
            files.add(truth(out, Path.of(prefix + ".truth.tsv"), g.variants(), sim));
            files.add(variance(out, Path.of(prefix + ".variance.tsv"), sim));
            out.commit();
        }
        return files;
    }

    private static Path table(AtomicOutput out, Path path, List<Sample> samples, List<String> names,
                              double[][] columns) {
        try (BufferedWriter w = Files.newBufferedWriter(out.temp(path), StandardCharsets.UTF_8)) {
            w.write("#FID\tIID");
            for (String n : names) {
                w.write("\t" + n);
            }
            w.write('\n');
            for (int s = 0; s < samples.size(); s++) {
                w.write(samples.get(s).familyId() + "\t" + samples.get(s).id());
                for (double[] col : columns) {
                    w.write('\t');
                    w.write(number(col[s]));
                }
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return path;
    }

    private static Path truth(AtomicOutput out, Path path, List<Variant> variants, Simulation sim) {
        try (BufferedWriter w = Files.newBufferedWriter(out.temp(path), StandardCharsets.UTF_8)) {
            w.write("#TRAIT\tTYPE\tID\tCHROM\tPOS\tREF\tALT\tALT_FREQ\tBETA\tVAR_EXPLAINED\n");
            for (Simulation.CausalEffect e : sim.causal()) {
                Variant v = variants.get(e.variant());
                w.write(sim.traitNames().get(e.trait()) + "\tsnp\t" + v.id() + "\t" + v.chrom() + "\t"
                        + (v.hasPosition() ? Long.toString(v.position()) : "NA") + "\t" + v.ref() + "\t" + v.alt()
                        + "\t" + number(e.altFreq()) + "\t" + number(e.beta()) + "\t"
                        + number(e.varianceExplained()) + "\n");
            }
            for (Simulation.CovariateEffect e : sim.covariateEffects()) {
                w.write(sim.traitNames().get(e.trait()) + "\tcovariate\t" + e.covariate() + "\t.\tNA\t.\t.\tNA\t"
                        + number(e.beta()) + "\t" + number(e.varianceExplained()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return path;
    }

    private static Path variance(AtomicOutput out, Path path, Simulation sim) {
        try (BufferedWriter w = Files.newBufferedWriter(out.temp(path), StandardCharsets.UTF_8)) {
            w.write("#TRAIT\tVAR_CAUSAL\tVAR_BACKGROUND\tVAR_COVARIATES\tVAR_NOISE\tVAR_TOTAL\tH2\tCASES\tCONTROLS"
                    + "\tTHRESHOLD\n");
            for (Simulation.VarianceComponents v : sim.variance()) {
                w.write(sim.traitNames().get(v.trait()) + "\t" + number(v.causal()) + "\t" + number(v.background())
                        + "\t" + number(v.covariates()) + "\t" + number(v.noise()) + "\t" + number(v.total()) + "\t"
                        + number(v.h2()) + "\t" + (v.cases() < 0 ? "NA" : v.cases()) + "\t"
                        + (v.controls() < 0 ? "NA" : v.controls()) + "\t" + number(v.threshold()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return path;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NA" : NumberText.formatDouble(v);
    }

    /** Reads a causal list: one ID per line, optionally followed by a per-allele effect. */
    public static java.util.Map<String, Double> readCausalList(Path file) {
        java.util.Map<String, Double> ids = new java.util.LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                double beta = Double.NaN;
                if (f.length > 1) {
                    try {
                        beta = Double.parseDouble(f[1]);
                    } catch (NumberFormatException e) {
                        throw new InputException(file, i + 1, "BETA", "not a number: '" + f[1] + "'");
                    }
                }
                if (ids.put(f[0], beta) != null) {
                    throw new InputException(file, i + 1, "ID", "SNP '" + f[0] + "' listed twice");
                }
            }
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read: " + e.getMessage());
        }
        if (ids.isEmpty()) {
            throw InputException.inFile(file, "no SNP IDs in the causal list");
        }
        return ids;
    }
}
