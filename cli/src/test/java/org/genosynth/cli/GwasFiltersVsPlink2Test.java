package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth gwas --model linear} with plink's filters against {@code plink2 --glm} with the same filters, on the
 * real mouse_hs1940 cohort (CD8). The .bed has no missing call, so the test masks calls in a copy
 * ({@link MaskedMouse}: a fixed pattern: 1 in 25 calls at every 7th variant, which --geno 0.02 removes; 1 in 100 at
 * the next ones, kept; and 20% of the calls of every 97th mouse, which --mind 0.1 removes), and zeroes the .fam parents
 * (plink2 calls any non-zero PAT/MAT a non-founder; in this file they are strain labels). Both tools then run --keep (3 mice in 4) --extract (9 in 10
 * variants with a position) --mind 0.1 --geno 0.02 --maf 0.05 --hwe 1e-6: the same variants must be reported, with the
 * same OBS_CT, A1_FREQ, BETA, SE (1e-6 relative plus half a unit in plink2's 6th printed digit) and -log10 P (1e-6
 * absolute plus the printed half unit, i.e. P within about 2.3e-6 relative).
 */
class GwasFiltersVsPlink2Test {
    private static final List<String> FILTERS = MaskedMouse.FILTERS;

    @TempDir
    static Path dir;
    static CliRun ours;

    @BeforeAll
    static void run() throws IOException {
        MaskedMouse.write(dir);

        List<String> plink2 = new ArrayList<>(List.of("plink2", "--bfile", "m", "--pheno", "pheno.txt",
                "--pheno-name", "CD8"));
        plink2.addAll(FILTERS);
        plink2.addAll(List.of("--glm", "allow-no-covars", "omit-ref", "log10", "cols=+a1freq", "--threads", "2",
                "--out", "p"));
        plink2(plink2);
        List<String> args = new ArrayList<>(List.of("gwas", "-t", "2", "--input", dir.resolve("m.bed").toString(),
                "--pheno", dir.resolve("pheno.txt").toString(), "--pheno-col", "CD8", "--model", "linear",
                "--out", dir.resolve("g").toString()));
        args.addAll(MaskedMouse.filters(dir));
        ours = CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void sameVariantsAndStatisticsAsPlink2() throws IOException {
        assertThat(ours.exitCode()).as(ours.err()).isZero();
        List<String[]> theirs = table(dir.resolve("p.CD8.glm.linear"));
        List<String> theirHeader = List.of(theirs.get(0));
        List<String[]> mine = table(dir.resolve("g.gwas.tsv"));
        List<String> myHeader = List.of(mine.get(0));
        // today's format, unchanged
        assertThat(myHeader).containsExactly("#CHROM", "POS", "ID", "REF", "ALT", "A1", "A1_FREQ", "OBS_CT", "BETA",
                "SE", "P");
        Map<String, String[]> byId = new HashMap<>();
        for (String[] row : mine.subList(1, mine.size())) {
            byId.put(row[2], row);
        }
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(
                theirs.subList(1, theirs.size()).stream().map(r -> r[theirHeader.indexOf("ID")]).toList());
        double[] maxRel = new double[3];
        double maxLog10p = 0;
        for (String[] row : theirs.subList(1, theirs.size())) {
            String id = row[theirHeader.indexOf("ID")];
            String[] m = byId.get(id);
            assertThat(row[theirHeader.indexOf("ERRCODE")]).as(id).isEqualTo(".");
            assertThat(m[myHeader.indexOf("A1")]).as(id).isEqualTo(row[theirHeader.indexOf("A1")]);
            assertThat(m[myHeader.indexOf("OBS_CT")]).as(id).isEqualTo(row[theirHeader.indexOf("OBS_CT")]);
            String[] columns = {"A1_FREQ", "BETA", "SE"};
            for (int c = 0; c < columns.length; c++) {
                double expected = Double.parseDouble(row[theirHeader.indexOf(columns[c])]);
                double actual = Double.parseDouble(m[myHeader.indexOf(columns[c])]);
                assertThat(Math.abs(actual - expected)).as(id + " " + columns[c])
                        .isLessThanOrEqualTo(printedTolerance(expected, 1e-6));
                maxRel[c] = Math.max(maxRel[c], Math.abs(actual - expected) / Math.abs(expected));
            }
            double expected = Double.parseDouble(row[theirHeader.indexOf("LOG10_P")]);
            double log10p = -Math.log10(Double.parseDouble(m[myHeader.indexOf("P")]));
            assertThat(Math.abs(log10p - expected)).as(id + " -log10 P")
                    .isLessThanOrEqualTo(1e-6 + printedTolerance(expected, 0));
            maxLog10p = Math.max(maxLog10p, Math.abs(log10p - expected));
        }
        int n = theirs.size() - 1;
        System.out.printf("gwas filters vs plink2: %d variants, OBS_CT %s; max relative diff A1_FREQ %.2e, BETA %.2e,"
                + " SE %.2e; max |diff| -log10 P %.2e%n", n, theirs.get(1)[theirHeader.indexOf("OBS_CT")], maxRel[0],
                maxRel[1], maxRel[2], maxLog10p);
        // what the filters removed is what plink2's log says it removed, and each filter did remove some
        String log = Files.readString(dir.resolve("p.log"));
        String mind = logCount(log, "(\\d+) samples removed due to missing genotype data \\(--mind\\)");
        String samples = logCount(log, "(\\d+) samples \\([^)]*\\) remaining after main");
        String geno = logCount(log, "--geno: (\\d+) variants removed");
        String hwe = logCount(log, "--hwe: (\\d+) variants removed");
        String maf = logCount(log, "(\\d+) variants removed due to allele frequency");
        assertThat(List.of(mind, geno, hwe, maf)).doesNotContain("0");
        assertThat(ours.out()).contains("filters kept " + samples + " of 1940 samples (--mind removed " + mind
                + ") and " + n + " of " + extractCount() + " variants (--geno removed " + geno + ", --hwe " + hwe
                + ", --maf " + maf + ")");
        System.out.printf("plink2 and genosynth removed %s mice by --mind, %s variants by --geno, %s by --hwe, %s by"
                + " --maf%n", mind, geno, hwe, maf);
        assertThat(n).isBetween(1000, 9271);
    }

    @Test
    void filtersThatRemoveEverythingStopWithOneLine() throws IOException {
        Path out = Files.createDirectory(dir.resolve("empty"));
        Path none = Files.write(dir.resolve("none.txt"), List.of("rs_not_in_the_input"));
        CliRun noVariant = CliRun.of("gwas", "-t", "2", "--input", dir.resolve("m.bed").toString(), "--pheno",
                dir.resolve("pheno.txt").toString(), "--pheno-col", "CD8", "--extract", none.toString(), "--out",
                out.resolve("g").toString());
        assertUserError(noVariant, out, "no variants left after --extract/--exclude");
        // the monomorphic SNPs of the cohort (A1 == A2), then --maf 0.01
        List<String> monomorphic = Files.readAllLines(dir.resolve("m.bim")).stream().map(l -> l.split("\\s+"))
                .filter(f -> f[4].equals(f[5])).map(f -> f[1]).toList();
        Path mono = Files.write(dir.resolve("monomorphic.txt"), monomorphic);
        CliRun mafAll = CliRun.of("gwas", "-t", "2", "--input", dir.resolve("m.bed").toString(), "--pheno",
                dir.resolve("pheno.txt").toString(), "--pheno-col", "CD8", "--extract", mono.toString(), "--maf",
                "0.01", "--out", out.resolve("g").toString());
        assertUserError(mafAll, out, "no variants left after the --geno/--hwe/--maf filters");
        CliRun noSample = CliRun.of("gwas", "-t", "2", "--input", dir.resolve("m.bed").toString(), "--pheno",
                dir.resolve("pheno.txt").toString(), "--pheno-col", "CD8", "--mind", "0", "--out",
                out.resolve("g").toString());
        assertUserError(noSample, out, "no samples left after sample filters");
    }

    @Test
    void badFilterFilesNameFileAndLine() throws IOException {
        Path out = Files.createDirectory(dir.resolve("bad"));
        // a gzipped --keep list cut short: the error names the file and the line it stopped at
        List<String> keep = Files.readAllLines(dir.resolve("keep.txt"));
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(String.join("\n", keep).getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = gz.toByteArray();
        Path cut = Files.write(dir.resolve("keep_cut.txt.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun r = CliRun.of("gwas", "-t", "2", "--input", dir.resolve("m.bed").toString(), "--pheno",
                dir.resolve("pheno.txt").toString(), "--pheno-col", "CD8", "--keep", cut.toString(), "--maf", "0.05",
                "--out", out.resolve("g").toString());
        assertUserError(r, out, "keep_cut.txt.gz");
        assertThat(r.err()).containsPattern("line \\d+|keep_cut.txt.gz:\\d+").contains("truncated");
        CliRun missing = CliRun.of("gwas", "-t", "2", "--input", dir.resolve("m.bed").toString(), "--pheno",
                dir.resolve("pheno.txt").toString(), "--pheno-col", "CD8", "--extract",
                dir.resolve("no_such_list.txt").toString(), "--out", out.resolve("g").toString());
        assertUserError(missing, out, "no_such_list.txt");
    }

    private static String logCount(String log, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(log);
        assertThat(m.find()).as(regex + " in plink2's log").isTrue();
        return m.group(1);
    }

    private static long extractCount() throws IOException {
        return Files.readAllLines(dir.resolve("extract.txt")).size();
    }

    private static void assertUserError(CliRun r, Path outDir, String message) throws IOException {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).startsWith("genosynth: error: ").contains(message).doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    /** Half a unit in the 6th significant digit plink2 prints, plus {@code relative} of the value. */
    private static double printedTolerance(double printed, double relative) {
        if (printed == 0) {
            return 5e-7;
        }
        double magnitude = Math.floor(Math.log10(Math.abs(printed)));
        return relative * Math.abs(printed) + 0.5 * Math.pow(10, magnitude - 5);
    }

    private static List<String[]> table(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split("\t")).toList();
    }

    private static void plink2(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("plink2.out").toFile()).redirectErrorStream(true);
        try {
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("plink2 timed out");
            }
            if (p.exitValue() != 0) {
                fail("plink2 exited " + p.exitValue() + ": " + Files.readString(dir.resolve("plink2.out")));
            }
        } catch (IOException e) {
            fail("plink2 could not be run (" + e.getMessage() + "); install it with `apt-get install plink2`"
                    + " (.ci/run does)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }
}
