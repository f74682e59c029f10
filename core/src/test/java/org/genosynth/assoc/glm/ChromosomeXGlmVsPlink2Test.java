package org.genosynth.assoc.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.genosynth.testing.PeerTool.printedTolerance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.GwasResult;
import org.genosynth.assoc.Model;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.genosynth.testing.PeerTool;
import org.genosynth.testing.PeerTool.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gwas --model linear|logistic} on the sex chromosomes and MT against plink2 2.00a3.5 {@code --glm} (default
 * {@code --xchr-model 1}). The cohort: the 300 1000 Genomes people of {@code human_1kg_chr20/phased300.vcf.gz}, the
 * sites of chr20:1.0-1.8 Mb with MAF above 1%, the first fifth kept as chromosome 20 and the rest renamed X, then Y,
 * then MT; even-numbered people male, odd-numbered female, every fifteenth of unknown sex; on every other X variant
 * and on Y a male's call made haploid-homozygous (his first allele twice), elsewhere left as it is (heterozygous
 * male calls); 1% of calls missing ({@code x}), or none ({@code complete}: the logistic runs, see there). Phenotypes and covariates are simulated (fixed seed); both tools read the same
 * .bed. Every variant plink2 reports is compared: OBS_CT and ERRCODE exactly; A1_FREQ, BETA, SE, BETA/SE (T_STAT,
 * Z_STAT) and LOG10_P to plink2's printed 6 digits plus the relative error stated per test.
 */
class ChromosomeXGlmVsPlink2Test {
    @TempDir
    static Path dir;

    @BeforeAll
    static void cohort() throws IOException {
        PeerTool.run(dir, "bcftools", "view", "-q", "0.01:minor", "-t", "20:1000000-1800000", "-Ov", "-o", "sub.vcf",
                SharedData.path("human_1kg_chr20/phased300.vcf.gz").toString());
        List<String> body = new ArrayList<>();
        String header = null;
        for (String line : Files.readAllLines(dir.resolve("sub.vcf"))) {
            if (line.startsWith("#CHROM")) {
                header = line;
            } else if (!line.startsWith("#")) {
                body.add(line);
            }
        }
        String[] samples = header.split("\t");
        int n = samples.length - 9;
        Random random = new Random(20);
        List<String> vcf = new ArrayList<>();
        vcf.add("##fileformat=VCFv4.2");
        vcf.add("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">");
        vcf.add(header);
        List<String> complete = new ArrayList<>(vcf);
        int m = body.size();
        for (int v = 0; v < m; v++) {
            String chrom = v < m / 5 ? "20" : v < 3 * m / 5 ? "X" : v < 4 * m / 5 ? "Y" : "MT";
            boolean haploidMales = chrom.equals("Y") || chrom.equals("X") && v % 2 == 0;
            String[] f = body.get(v).split("\t");
            f[0] = chrom;
            f[7] = ".";
            f[8] = "GT";
            String[] g = f.clone();
            for (int i = 0; i < n; i++) {
                String gt = f[9 + i].substring(0, 3);
                if (haploidMales && sex(i) == 1) {
                    gt = gt.charAt(0) + "/" + gt.charAt(0);
                }
                g[9 + i] = gt.replace('|', '/');
                f[9 + i] = random.nextDouble() < 0.01 ? "./." : g[9 + i];
            }
            vcf.add(String.join("\t", f));
            complete.add(String.join("\t", g));
        }
        Files.write(dir.resolve("x.vcf"), vcf);
        Files.write(dir.resolve("complete.vcf"), complete);
        List<String> sexes = new ArrayList<>();
        List<String> pheno = new ArrayList<>(List.of("FID\tIID\tQ\tB\tQM"));
        List<String> covar = new ArrayList<>(List.of("FID\tIID\tAGE\tPC"));
        List<String> covarSex = new ArrayList<>(List.of("FID\tIID\tAGE\tMYSEX"));
        for (int i = 0; i < n; i++) {
            String id = samples[9 + i] + "\t" + samples[9 + i];
            sexes.add(id + "\t" + sex(i));
            double age = 50 + 10 * random.nextGaussian();
            double pc = random.nextGaussian();
            double q = (sex(i) == 1 ? 0.3 : 0) + 0.02 * age + random.nextGaussian();
            int b = random.nextDouble() < 1 / (1 + Math.exp(-(q - 1.1))) ? 2 : 1;
            pheno.add(String.format(Locale.ROOT, "%s\t%.6f\t%d\t%s", id, q, b,
                    sex(i) == 2 ? "NA" : String.format(Locale.ROOT, "%.6f", q)));
            covar.add(String.format(Locale.ROOT, "%s\t%.4f\t%.5f", id, age, pc));
            covarSex.add(String.format(Locale.ROOT, "%s\t%.4f\t%s", id, age, sex(i) == 0 ? "NA" : sex(i)));
        }
        Files.write(dir.resolve("sex.txt"), sexes);
        Files.write(dir.resolve("pheno.txt"), pheno);
        Files.write(dir.resolve("covar.txt"), covar);
        Files.write(dir.resolve("covarsex.txt"), covarSex);
        PeerTool.run(dir, "plink2", "--vcf", "x.vcf", "--double-id", "--update-sex", "sex.txt", "--make-bed",
                "--out", "x");
        PeerTool.run(dir, "plink2", "--vcf", "complete.vcf", "--double-id", "--update-sex", "sex.txt",
                "--make-bed", "--out", "complete");
    }

    /** .fam sex of person {@code i}: 1 male, 2 female, 0 unknown. */
    private static int sex(int i) {
        return i % 15 == 7 ? 0 : i % 2 == 0 ? 1 : 2;
    }

    @Test
    void linearMatchesPlink2() {
        Counts plain = compare("x", "Q", null, Model.LINEAR, "lin");
        Counts covariates = compare("x", "Q", "covar.txt", Model.LINEAR, "linc");
        System.out.println("linear vs plink2, no covariates: " + plain + "; AGE + PC: " + covariates);
        assertThat(plain.onX).isGreaterThan(400);
        assertThat(plain.onY).isGreaterThan(100);
    }

    /**
     * On the cohort without missing calls: with 1% missing, plink2 2.00a3.5's logistic SE (not BETA) is off by up to
     * 6% on about 6% of the variants, chromosome 20 included (ours equals an independent double-precision IRLS
     * there; measured on this cohort), a plink2 matter outside chromosome X.
     */
    @Test
    void logisticMatchesPlink2() {
        Counts plain = compare("complete", "B", null, Model.LOGISTIC, "log");
        Counts covariates = compare("complete", "B", "covar.txt", Model.LOGISTIC, "logc");
        System.out.println("logistic vs plink2, no covariates: " + plain + "; AGE + PC: " + covariates);
        assertThat(plain.firth + covariates.firth).isGreaterThan(0);
    }

    @Test
    void withOneSexXIsTestedAsAnAutosomeAsInPlink2() {
        // QM is Q with every female's value missing: males and people of unknown sex remain, no SEX covariate, and
        // the unknown-sex people stay in the X tests
        Counts males = compare("x", "QM", null, Model.LINEAR, "males");
        System.out.println("linear vs plink2, males and unknown sex only: " + males);
        assertThat(males.obsOnX).isEqualTo(160);
    }

    @Test
    void aCovariateRestatingSexIsRefusedOnXAsByPlink2() {
        GwasRequest request = new GwasRequest(dir.resolve("x"), ReadOptions.defaults(), dir.resolve("pheno.txt"), "Q",
                dir.resolve("covarsex.txt"), List.of(), Model.LINEAR, dir.resolve("refused").toString(), 2);
        assertThatThrownBy(() -> GlmGwas.run(request)).isInstanceOf(InputException.class)
                .hasMessageContaining("chromosome X is tested with SEX as a covariate");
    }

    @Test
    void outputIsByteIdenticalAtOneAndTwoThreads() throws IOException {
        for (Model model : new Model[] {Model.LINEAR, Model.LOGISTIC}) {
            String column = model == Model.LINEAR ? "Q" : "B";
            GwasResult one = GlmGwas.run(request("x", column, "covar.txt", model, "t1" + model, 1));
            GwasResult two = GlmGwas.run(request("x", column, "covar.txt", model, "t2" + model, 2));
            assertThat(Files.readAllBytes(two.table())).isEqualTo(Files.readAllBytes(one.table()));
        }
    }

    private static GwasRequest request(String fileset, String column, String covar, Model model, String out,
                                       int threads) {
        return new GwasRequest(dir.resolve(fileset), ReadOptions.defaults(), dir.resolve("pheno.txt"), column,
                covar == null ? null : dir.resolve(covar), List.of(), model, dir.resolve(out).toString(), threads);
    }

    /** What one comparison covered, and the largest differences beyond plink2's printed digits. */
    record Counts(int onX, int onY, int compared, int firth, int errors, int obsOnX, double[] maxExcess) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d variants compared (%d on X, %d on Y, %d Firth), %d with an "
                    + "ERRCODE; max |diff| beyond printed digits: A1_FREQ %.1e, BETA %.1e (of |BETA| + SE), SE %.1e,"
                    + " T/Z %.1e (of |T| + 1), -log10 P %.1e absolute", compared, onX, onY, firth, errors, maxExcess[0], maxExcess[1],
                    maxExcess[2], maxExcess[3], maxExcess[4]);
        }
    }

    /**
     * Runs plink2 and genosynth on phenotype {@code column} of {@code fileset} and compares every variant beyond
     * plink2's printed digits. Linear: A1_FREQ and SE within 1e-6 relative, BETA within 1e-6 of |BETA| + SE (a BETA
     * near 0 is printed as rounding noise), T within 1e-6 of |T| + 1, -log10 P within 1e-6 absolute. Logistic: the
     * same with 1e-4 (Firth: 5e-4; plink2 fits Firth in single precision), as in {@code GlmVsPlink2Test}.
     */
    private static Counts compare(String fileset, String column, String covar, Model model, String out) {
        boolean logistic = model == Model.LOGISTIC;
        List<String> command = new ArrayList<>(List.of("plink2", "--bfile", fileset, "--pheno", "pheno.txt",
                "--pheno-name", column, "--glm", "hide-covar", "omit-ref", "log10", "cols=+a1freq,+firth,+beta"));
        if (logistic) {
            command.add("firth-fallback");
        }
        if (covar == null) {
            command.add("allow-no-covars");
        } else {
            command.addAll(List.of("--covar", covar));
        }
        command.addAll(List.of("--threads", "2", "--out", "p" + out));
        PeerTool.run(dir, command.toArray(new String[0]));
        Table theirs = PeerTool.readTable(dir.resolve("p" + out + "." + column + ".glm."
                + (logistic ? "logistic.hybrid" : "linear")));
        GwasResult result = GlmGwas.run(request(fileset, column, covar, model, out, 2));
        Table ours = PeerTool.readTable(result.table());
        Map<String, String[]> mine = new HashMap<>();
        for (String[] row : ours.rows()) {
            mine.put(row[ours.column("ID")], row);
        }
        assertThat(mine).hasSameSizeAs(theirs.rows());
        double[] excess = new double[5];
        int onX = 0;
        int onY = 0;
        int compared = 0;
        int firth = 0;
        int errors = 0;
        int obsOnX = 0;
        for (String[] t : theirs.rows()) {
            String id = t[theirs.column("ID")];
            String label = t[0] + ":" + id;
            String[] m = mine.get(id);
            assertThat(m).as(id).isNotNull();
            assertThat(m[ours.column("CHROM")]).isEqualTo(t[theirs.column("CHROM")]);
            assertThat(m[ours.column("OBS_CT")]).as(label + " OBS_CT").isEqualTo(t[theirs.column("OBS_CT")]);
            if (t[0].equals("X")) {
                obsOnX = Math.max(obsOnX, Integer.parseInt(t[theirs.column("OBS_CT")]));
            }
            double relative = 1e-6;
            close(label + " A1_FREQ", t[theirs.column("A1_FREQ")], m[ours.column("A1_FREQ")], relative,
                    Math.max(Double.parseDouble(t[theirs.column("A1_FREQ")]), 1e-6), excess, 0);
            if (!t[theirs.column("ERRCODE")].equals(".")) {
                assertThat(m[ours.column("P")]).as(label + " " + t[theirs.column("ERRCODE")]).isEqualTo("NA");
                errors++;
                continue;
            }
            if (logistic) {
                boolean usedFirth = t[theirs.column("FIRTH?")].equals("Y");
                assertThat(m[ours.column("FIRTH")]).as(label + " FIRTH").isEqualTo(t[theirs.column("FIRTH?")]);
                firth += usedFirth ? 1 : 0;
                relative = usedFirth ? 5e-4 : 1e-4;
            }
            double beta = Double.parseDouble(m[ours.column("BETA")]);
            double se = Double.parseDouble(m[ours.column("SE")]);
            double theirSe = Double.parseDouble(t[theirs.column("SE")]);
            double theirBeta = Double.parseDouble(t[theirs.column("BETA")]);
            String stat = t[theirs.column(logistic ? "Z_STAT" : "T_STAT")];
            close(label + " BETA", t[theirs.column("BETA")], m[ours.column("BETA")], relative,
                    Math.abs(theirBeta) + theirSe, excess, 1);
            close(label + " SE", t[theirs.column("SE")], m[ours.column("SE")], relative, theirSe, excess, 2);
            close(label + " T/Z", stat, Double.toString(beta / se), relative, Math.abs(Double.parseDouble(stat)) + 1,
                    excess, 3);
            double expected = Double.parseDouble(t[theirs.column("LOG10_P")]);
            double log10p = -Math.log10(Double.parseDouble(m[ours.column("P")]));
            double diff = Math.abs(log10p - expected) - printedTolerance(expected, 0);
            assertThat(diff).as(label + " -log10 P " + log10p + " vs " + expected).isLessThanOrEqualTo(relative);
            excess[4] = Math.max(excess[4], diff);
            compared++;
            onX += t[0].equals("X") ? 1 : 0;
            onY += t[0].equals("Y") ? 1 : 0;
        }
        return new Counts(onX, onY, compared, firth, errors, obsOnX, excess);
    }

    /**
     * Asserts {@code ours} within {@code relative} of {@code scale} of plink2's printed {@code theirs}, plus half its
     * last digit; records the excess relative to {@code scale}.
     */
    private static void close(String what, String theirs, String ours, double relative, double scale,
                              double[] excess, int slot) {
        double expected = Double.parseDouble(theirs);
        double value = Double.parseDouble(ours);
        double beyond = Math.abs(value - expected) - printedTolerance(expected, 0);
        assertThat(beyond).as(what + " " + ours + " vs " + theirs).isLessThanOrEqualTo(relative * scale);
        excess[slot] = Math.max(excess[slot], Math.max(0, beyond) / scale);
    }
}
