package org.genosynth.assoc.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genosynth.testing.PeerTool.printedTolerance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.GwasResult;
import org.genosynth.assoc.Model;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.genosynth.testing.MouseData;
import org.genosynth.testing.PeerTool;
import org.genosynth.testing.PeerTool.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check of {@code genosynth gwas} (linear and logistic) against plink2 {@code --glm} on the real mouse_hs1940
 * cohort with the top 10 principal components (computed by {@code plink2 --pca 10}) as covariates. We read the
 * GEMMA-style phenotype file; plink2 reads the same values as a PLINK table. plink2 runs with {@code omit-ref} (A1 =
 * ALT, as ours), {@code log10} and prints 6 significant digits, so each comparison allows the stated relative error
 * plus half a unit in plink2's last digit. Every variant plink2 reports a statistic for is compared (plink2 skips the
 * 1,926 variants with unknown position; it reports constant ones as CONST_OMITTED_ALLELE, and so do we, with NA).
 */
class GlmVsPlink2Test {
    @TempDir
    static Path dir;
    static Path prefix;
    static Path eigenvec;
    static GwasResult linear;
    static GwasResult logistic;

    @BeforeAll
    static void run() throws IOException {
        prefix = MouseData.plink2Fileset(dir, "z");
        PeerTool.run(dir, "plink2", "--bfile", "z", "--pca", "10", "--threads", "2", "--out", "pc");
        eigenvec = dir.resolve("pc.eigenvec");
        writePlinkPhenotypes(dir.resolve("pheno.txt"));
        PeerTool.run(dir, "plink2", "--bfile", "z", "--pheno", "pheno.txt", "--pheno-name", "CD8", "--covar",
                "pc.eigenvec", "--glm", "hide-covar", "omit-ref", "log10", "cols=+a1freq", "--threads", "2",
                "--out", "p");
        PeerTool.run(dir, "plink2", "--bfile", "z", "--1", "--pheno", "pheno.txt", "--pheno-name", "B", "--covar",
                "pc.eigenvec", "--glm", "hide-covar", "omit-ref", "firth-fallback", "log10", "cols=+a1freq,+firth,+beta",
                "--threads", "2", "--out", "p");
        linear = GlmGwas.run(request("1", Model.LINEAR, "lin", 2));
        logistic = GlmGwas.run(request("4", Model.LOGISTIC, "log", 2));
    }

    static GwasRequest request(String column, Model model, String out, int threads) {
        return new GwasRequest(prefix, ReadOptions.defaults(), SharedData.mouse(".pheno.txt.gz"), column, eigenvec,
                List.of(), model, dir.resolve(out).toString(), threads);
    }

    /** FID IID CD8 B from the GEMMA-style file (rows in .fam order). */
    static void writePlinkPhenotypes(Path out) throws IOException {
        List<String> fam = Files.readAllLines(prefix.resolveSibling("z.fam"));
        List<String> pheno;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedData.mouse(".pheno.txt.gz")))) {
            pheno = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
        List<String> lines = new ArrayList<>();
        lines.add("FID\tIID\tCD8\tB");
        for (int i = 0; i < fam.size(); i++) {
            String[] f = fam.get(i).split("\\s+");
            String[] v = pheno.get(i).split("\\s+");
            lines.add(f[0] + "\t" + f[1] + "\t" + v[0] + "\t" + v[3]);
        }
        Files.write(out, lines);
    }

    @Test
    void linearMatchesPlink2() {
        Table theirs = PeerTool.readTable(dir.resolve("p.CD8.glm.linear"));
        Table ours = PeerTool.readTable(linear.table());
        Map<String, String[]> mine = byId(ours);
        double[] maxRel = new double[3];
        int compared = 0;
        int constant = 0;
        for (String[] row : theirs.rows()) {
            String[] m = mine.get(row[theirs.column("ID")]);
            assertThat(m).isNotNull();
            assertThat(m[ours.column("A1")]).isEqualTo(row[theirs.column("A1")]);
            assertThat(m[ours.column("OBS_CT")]).isEqualTo(row[theirs.column("OBS_CT")]);
            if (!row[theirs.column("ERRCODE")].equals(".")) {
                assertThat(row[theirs.column("ERRCODE")]).isEqualTo("CONST_OMITTED_ALLELE");
                assertThat(m[ours.column("P")]).isEqualTo("NA");
                constant++;
                continue;
            }
            close(row, theirs, "A1_FREQ", Double.parseDouble(m[ours.column("A1_FREQ")]), 1e-6, null);
            close(row, theirs, "BETA", Double.parseDouble(m[ours.column("BETA")]), 1e-6, maxRel);
            close(row, theirs, "SE", Double.parseDouble(m[ours.column("SE")]), 1e-6, maxRel);
            double log10p = -Math.log10(Double.parseDouble(m[ours.column("P")]));
            double expected = Double.parseDouble(row[theirs.column("LOG10_P")]);
            assertThat(Math.abs(log10p - expected)).as(row[theirs.column("ID")] + " -log10 P")
                    .isLessThanOrEqualTo(1e-6 + printedTolerance(expected, 0));
            maxRel[2] = Math.max(maxRel[2], Math.max(0, Math.abs(log10p - expected) - printedTolerance(expected, 0)));
            compared++;
        }
        System.out.printf("linear vs plink2: %d variants, %d constant; max |diff| beyond plink2's printed digits:"
                + " BETA %.2e relative, SE %.2e relative, -log10P %.2e absolute%n", compared, constant, maxRel[0],
                maxRel[1], maxRel[2]);
        assertThat(compared).isEqualTo(10300 - 1018);
        assertThat(constant).isEqualTo(1018);
        // we also test the 1,926 variants with unknown position that plink2 skips
        assertThat(linear.variantsTested()).isGreaterThan(compared);
    }

    @Test
    void logisticMatchesPlink2() {
        Table theirs = PeerTool.readTable(dir.resolve("p.B.glm.logistic.hybrid"));
        Table ours = PeerTool.readTable(logistic.table());
        Map<String, String[]> mine = byId(ours);
        double maxDiff = 0;
        double maxFirthDiff = 0;
        double maxBetaRel = 0;
        int compared = 0;
        int firth = 0;
        for (String[] row : theirs.rows()) {
            String[] m = mine.get(row[theirs.column("ID")]);
            assertThat(m[ours.column("OBS_CT")]).isEqualTo(row[theirs.column("OBS_CT")]);
            if (!row[theirs.column("ERRCODE")].equals(".")) {
                assertThat(m[ours.column("P")]).isEqualTo("NA");
                continue;
            }
            String id = row[theirs.column("ID")];
            assertThat(m[ours.column("FIRTH")]).as(id).isEqualTo(row[theirs.column("FIRTH?")]);
            firth += m[ours.column("FIRTH")].equals("Y") ? 1 : 0;
            double expected = Double.parseDouble(row[theirs.column("LOG10_P")]);
            double log10p = -Math.log10(Double.parseDouble(m[ours.column("P")]));
            boolean usedFirth = m[ours.column("FIRTH")].equals("Y");
            // plink2 fits Firth in single precision: its Firth estimates are off by up to ~1.2e-4 relative (checked
            // against an independent double-precision numpy fit, which agrees with ours to 1e-7)
            double tolerance = usedFirth ? 5e-4 : 1e-4;
            assertThat(Math.abs(log10p - expected)).as(id).isLessThanOrEqualTo(tolerance + printedTolerance(expected, 0));
            if (usedFirth) {
                maxFirthDiff = Math.max(maxFirthDiff, Math.abs(log10p - expected));
            } else {
                maxDiff = Math.max(maxDiff, Math.abs(log10p - expected));
            }
            double beta = Double.parseDouble(row[theirs.column("BETA")]);
            maxBetaRel = Math.max(maxBetaRel, Math.abs(Double.parseDouble(m[ours.column("BETA")]) - beta)
                    / Math.abs(beta));
            compared++;
        }
        System.out.printf("logistic vs plink2: %d variants (%d Firth); max |diff| -log10P %.2e (Firth: %.2e),"
                + " BETA relative %.2e%n", compared, firth, maxDiff, maxFirthDiff, maxBetaRel);
        assertThat(compared).isEqualTo(10300 - 1033);
        assertThat(firth).isEqualTo(64);
    }

    @Test
    void subsetWithTheFullTablesAndACovariateRangeMatchesPlink2() throws IOException {
        // 1,000 of the 1,940 mice with the full phenotype and PC tables: plink2 ignores the rows of the other 940 and
        // reads --covar-name PC1-PC5 as a range; so do we (--covar-col PC1-PC5)
        Files.createDirectories(dir.resolve("subset"));
        PeerTool.run(dir, "plink2", "--bfile", "z", "--thin-indiv-count", "1000", "--seed", "5", "--make-bed",
                "--out", "subset/s");
        PeerTool.run(dir, "plink2", "--bfile", "subset/s", "--pheno", "pheno.txt", "--pheno-name", "CD8", "--covar",
                "pc.eigenvec", "--covar-name", "PC1-PC5", "--glm", "hide-covar", "omit-ref", "log10", "--threads", "2",
                "--out", "subset/p");
        GwasResult ours = GlmGwas.run(new GwasRequest(dir.resolve("subset/s"), ReadOptions.defaults(),
                dir.resolve("pheno.txt"), "CD8", eigenvec, List.of("PC1-PC5"), Model.LINEAR,
                dir.resolve("subset/g").toString(), 2));
        assertThat(ours.notes()).contains("pheno.txt: 940 rows for samples not in the genotype file ignored",
                "pc.eigenvec: 940 rows for samples not in the genotype file ignored");
        Table theirs = PeerTool.readTable(dir.resolve("subset/p.CD8.glm.linear"));
        int compared = comparedLog10P(theirs, ours);
        // 741 of the 1,000 have CD8; plink2 tests 9,264 variants (of 10,300 with a position), as we do
        assertThat(compared).isEqualTo(9_264);
        assertThat(theirs.rows().get(0)[theirs.column("OBS_CT")]).isEqualTo("741");
    }

    @Test
    void aCategoricalCovariateMatchesPlink2() throws IOException {
        // a covariate of words (3 groups, as a batch or a site column): plink2 --glm makes k - 1 indicators, so do we
        Path sub = Files.createDirectories(dir.resolve("categorical"));
        List<String> fam = Files.readAllLines(prefix.resolveSibling("z.fam"));
        List<String> lines = new ArrayList<>();
        lines.add("FID\tIID\tsite");
        String[] sites = {"north", "south", "east"};
        for (int i = 0; i < fam.size(); i++) {
            String[] f = fam.get(i).split("\\s+");
            lines.add(f[0] + "\t" + f[1] + "\t" + sites[(i * 7 + i / 5) % 3]);
        }
        Path covar = Files.write(sub.resolve("site.txt"), lines);
        PeerTool.run(dir, "plink2", "--bfile", "z", "--pheno", "pheno.txt", "--pheno-name", "CD8", "--covar",
                "categorical/site.txt", "--glm", "hide-covar", "omit-ref", "log10", "--threads", "2",
                "--out", "categorical/p");
        GwasResult ours = GlmGwas.run(new GwasRequest(prefix, ReadOptions.defaults(), dir.resolve("pheno.txt"), "CD8",
                covar, List.of(), Model.LINEAR, sub.resolve("g").toString(), 2));
        assertThat(ours.notes()).anyMatch(n -> n.startsWith("site.txt: categorical covariate 'site' (3 levels) as 2 "
                + "indicator columns"));
        int compared = comparedLog10P(PeerTool.readTable(sub.resolve("p.CD8.glm.linear")), ours);
        // plink2 tests 9,282 variants on the 1,410 mice with CD8 (of 10,300 with a position); every one agrees
        assertThat(compared).isEqualTo(9_282);
    }

    /**
     * Compares every variant of plink2's table {@code theirs} (run with {@code log10}) with ours: the same OBS_CT; NA
     * where plink2 has an error code; elsewhere -log10 P equal to plink2's printed digits (+ 1e-6). Returns how many
     * were compared.
     */
    private static int comparedLog10P(Table theirs, GwasResult ours) {
        Map<String, String[]> mine = byId(PeerTool.readTable(ours.table()));
        Table table = PeerTool.readTable(ours.table());
        int compared = 0;
        for (String[] row : theirs.rows()) {
            String[] m = mine.get(row[theirs.column("ID")]);
            assertThat(m[table.column("OBS_CT")]).isEqualTo(row[theirs.column("OBS_CT")]);
            if (!row[theirs.column("ERRCODE")].equals(".")) {
                assertThat(m[table.column("P")]).isEqualTo("NA");
                continue;
            }
            double expected = Double.parseDouble(row[theirs.column("LOG10_P")]);
            double log10p = -Math.log10(Double.parseDouble(m[table.column("P")]));
            assertThat(Math.abs(log10p - expected)).as(row[theirs.column("ID")])
                    .isLessThanOrEqualTo(1e-6 + printedTolerance(expected, 0));
            compared++;
        }
        return compared;
    }

    @Test
    void outputIsByteIdenticalAtOneAndTwoThreads() throws IOException {
        for (Model model : new Model[] {Model.LINEAR, Model.LOGISTIC}) {
            String column = model == Model.LINEAR ? "1" : "4";
            GwasResult one = GlmGwas.run(request(column, model, "t1" + model, 1));
            GwasResult two = GlmGwas.run(request(column, model, "t2" + model, 2));
            for (int i = 0; i < one.outputs().size(); i++) {
                assertThat(Files.readAllBytes(two.outputs().get(i))).as(two.outputs().get(i).toString())
                        .isEqualTo(Files.readAllBytes(one.outputs().get(i)));
            }
        }
    }

    @Test
    void missingCallsDropTheSampleForThatVariantOnlyAsInPlink2() throws IOException {
        // a plink2 --dummy cohort with 1% missing calls: OBS_CT varies per variant; no covariates here
        Path sub = Files.createDirectories(dir.resolve("dummy"));
        PeerTool.run(sub, "plink2", "--dummy", "600", "800", "0.01", "acgt", "scalar-pheno", "--seed", "3",
                "--make-bed", "--out", "d");
        famPhenotype(sub, "Y", "y.txt");
        PeerTool.run(sub, "plink2", "--bfile", "d", "--pheno", "y.txt", "--pheno-name", "Y", "--glm", "allow-no-covars",
                "omit-ref", "log10", "--out", "p");
        GwasResult ours = GlmGwas.run(new GwasRequest(sub.resolve("d"), ReadOptions.defaults(), sub.resolve("y.txt"),
                "Y", null, List.of(), Model.LINEAR, sub.resolve("g").toString(), 2));
        Table theirs = PeerTool.readTable(sub.resolve("p.Y.glm.linear"));
        Table table = PeerTool.readTable(ours.table());
        java.util.Set<String> obsCounts = new java.util.HashSet<>();
        for (String[][] pair : fittedPairs(theirs, table, obsCounts)) {
            String[] row = pair[0];
            String[] m = pair[1];
            close(row, theirs, "BETA", Double.parseDouble(m[table.column("BETA")]), 1e-6, null);
            close(row, theirs, "SE", Double.parseDouble(m[table.column("SE")]), 1e-6, null);
            double expected = Double.parseDouble(row[theirs.column("LOG10_P")]);
            assertThat(-Math.log10(Double.parseDouble(m[table.column("P")]))).as(row[theirs.column("ID")])
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6 + printedTolerance(expected, 0)));
        }
        assertThat(obsCounts.size()).isGreaterThan(5);
    }

    @Test
    void logisticWithMissingCallsMatchesPlink2() throws IOException {
        // 5 % missing calls on 600 samples: every variant has some, which keeps plink2 2.00a3.5 out of its bug after
        // a complete variant (a stale intercept column shrinks its SE; docs/formats.md); the dummy's phenotype is binary
        Path sub = Files.createDirectories(dir.resolve("dummy-logistic"));
        PeerTool.run(sub, "plink2", "--dummy", "600", "800", "0.05", "acgt", "--seed", "5", "--make-bed", "--out", "d");
        famPhenotype(sub, "B", "b.txt");
        PeerTool.run(sub, "plink2", "--bfile", "d", "--pheno", "b.txt", "--pheno-name", "B", "--glm", "allow-no-covars",
                "omit-ref", "firth-fallback", "log10", "cols=+firth,+beta", "--out", "p");
        GwasResult ours = GlmGwas.run(new GwasRequest(sub.resolve("d"), ReadOptions.defaults(), sub.resolve("b.txt"),
                "B", null, List.of(), Model.LOGISTIC, sub.resolve("g").toString(), 2));
        Table theirs = PeerTool.readTable(sub.resolve(Files.exists(sub.resolve("p.B.glm.logistic.hybrid"))
                ? "p.B.glm.logistic.hybrid" : "p.B.glm.logistic"));
        Table table = PeerTool.readTable(ours.table());
        java.util.Set<String> obsCounts = new java.util.HashSet<>();
        int compared = 0;
        for (String[][] pair : fittedPairs(theirs, table, obsCounts)) {
            String[] row = pair[0];
            String[] m = pair[1];
            // plink2 fits in single precision (Firth's estimates off by up to ~1.2e-4 relative)
            double relative = m[table.column("FIRTH")].equals("Y") ? 5e-4 : 1e-4;
            close(row, theirs, "SE", Double.parseDouble(m[table.column("SE")]), relative, null);
            double expected = Double.parseDouble(row[theirs.column("LOG10_P")]);
            assertThat(-Math.log10(Double.parseDouble(m[table.column("P")]))).as(row[theirs.column("ID")])
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(relative + printedTolerance(expected,
                            0)));
            compared++;
        }
        assertThat(obsCounts.size()).isGreaterThan(10);
        assertThat(compared).isGreaterThan(700);
    }

    /**
     * plink2's rows without an error code, each paired with ours ({@code {theirs, ours}}); on every row of plink2's the
     * OBS_CT is asserted equal to ours and added to {@code obsCounts}.
     */
    private static List<String[][]> fittedPairs(Table theirs, Table table, java.util.Set<String> obsCounts) {
        Map<String, String[]> mine = byId(table);
        List<String[][]> pairs = new ArrayList<>();
        for (String[] row : theirs.rows()) {
            String[] m = mine.get(row[theirs.column("ID")]);
            assertThat(m[table.column("OBS_CT")]).isEqualTo(row[theirs.column("OBS_CT")]);
            obsCounts.add(row[theirs.column("OBS_CT")]);
            if (row[theirs.column("ERRCODE")].equals(".")) {
                pairs.add(new String[][] {row, m});
            }
        }
        return pairs;
    }

    /** The phenotype column of {@code sub/d.fam} as a table {@code sub/file} with the column {@code name}. */
    private static void famPhenotype(Path sub, String name, String file) throws IOException {
        List<String> pheno = new ArrayList<>(List.of("FID\tIID\t" + name));
        for (String line : Files.readAllLines(sub.resolve("d.fam"))) {
            String[] f = line.split("\\s+");
            pheno.add(f[0] + "\t" + f[1] + "\t" + f[5]);
        }
        Files.write(sub.resolve(file), pheno);
    }

    private static void close(String[] row, Table theirs, String column, double ours, double relative, double[] max) {
        double expected = Double.parseDouble(row[theirs.column(column)]);
        double excess = Math.abs(ours - expected) - printedTolerance(expected, 0);
        assertThat(Math.abs(ours - expected)).as(row[theirs.column("ID")] + " " + column)
                .isLessThanOrEqualTo(printedTolerance(expected, relative));
        if (max != null) {
            int slot = column.equals("BETA") ? 0 : column.equals("SE") ? 1 : 2;
            max[slot] = Math.max(max[slot], Math.max(0, excess) / Math.abs(expected));
        }
    }

    private static Map<String, String[]> byId(Table table) {
        Map<String, String[]> map = new HashMap<>();
        int id = table.column("ID");
        for (String[] row : table.rows()) {
            map.put(row[id], row);
        }
        return map;
    }
}
