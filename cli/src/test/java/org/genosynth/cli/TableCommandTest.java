package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCommandTest {
    @TempDir
    Path dir;

    private static Path diabetes() {
        for (String base : new String[] {"../../shared", "../shared"}) {
            Path p = Path.of(base, "data", "clinical", "diabetes_data_raw.csv.gz");
            if (Files.exists(p)) {
                return p;
            }
        }
        return Path.of("../../shared/data/clinical/diabetes_data_raw.csv.gz");
    }

    @Test
    void splitSynthEvaluate() throws IOException {
        String names = "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6";
        String prefix = dir.resolve("d").toString();
        CliRun split = CliRun.of("table", "split", "--input", diabetes().toString(), "--seed", "1", "--out", prefix);
        assertThat(split.exitCode()).as(split.err()).isZero();
        Path syn = dir.resolve("syn.tsv");
        CliRun synth = CliRun.of("table", "synth", "--input", prefix + ".train.csv", "--names", names, "--method",
                "cart", "--n", "200", "--seed", "4", "--out", syn.toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.out()).contains("wrote 200 synthetic rows").contains("sex=boolean");
        assertThat(Files.readAllLines(syn)).hasSize(201).first().isEqualTo(names.replace(',', '\t'));
        CliRun eval = CliRun.of("table", "evaluate", "--real", prefix + ".train.csv", "--names", names,
                "--synthetic", syn.toString(), "--holdout", prefix + ".holdout.csv", "--out",
                dir.resolve("eval").toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        String json = Files.readString(dir.resolve("eval/metrics.json"));
        for (String key : new String[] {"ks_complement", "tv_complement", "correlation_similarity",
            "baseline_ks_complement", "baseline_correlation_similarity", "dcr_overfitting_protection",
            "exact_copies", "mia_auc"}) {
            assertThat(json).contains("\"" + key + "\": ");
        }
        assertThat(Files.readString(dir.resolve("eval/report.html"))).contains("<section id=\"summary\">");
    }

    @Test
    void badTablesExitTwoWithOneLine() throws IOException {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b\n1,2\n3\n");
        Path mixed = Files.writeString(dir.resolve("mixed.csv"), "a,b\n1,x\n2,y\nthree,z\n4,w\n");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        String[][] cases = {{ragged.toString(), ragged + ":3: this row has 1 fields"},
            {mixed.toString(), mixed + ":4: field 'a': 'three' is not a number"},
            {empty.toString(), empty + ": the file is empty"}};
        for (String[] c : cases) {
            CliRun run = CliRun.of("table", "synth", "--input", c[0], "--seed", "1", "--out",
                    dir.resolve("o.csv").toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("genosynth: error: " + c[1]);
            assertThat(run.err().strip().lines().count()).isEqualTo(1);
        }
        assertThat(dir.resolve("o.csv")).doesNotExist();
        Path tiny = Files.writeString(dir.resolve("tiny.csv"), "a,b\n1,x\n2,y\n3,x\n");
        CliRun noBaseline = CliRun.of("table", "evaluate", "--real", tiny.toString(), "--synthetic", tiny.toString(),
                "--out", dir.resolve("tiny").toString());
        assertThat(noBaseline.exitCode()).isEqualTo(2);
        assertThat(noBaseline.err()).startsWith("genosynth: error: " + tiny + ": has 3 rows: a real-vs-real baseline");
        Path four = Files.writeString(dir.resolve("four.csv"), "a,b\n1,x\n2,y\n3,x\n4,y\n");
        CliRun smallest = CliRun.of("table", "evaluate", "--real", four.toString(), "--synthetic", four.toString(),
                "--out", dir.resolve("four").toString());
        assertThat(smallest.exitCode()).as(smallest.err()).isZero();
        CliRun badEpsilon = CliRun.of("table", "synth", "--input", mixed.toString(), "--epsilon", "-1", "--out",
                dir.resolve("o.csv").toString());
        assertThat(badEpsilon.exitCode()).isEqualTo(2);
        assertThat(badEpsilon.err()).startsWith("genosynth: error: --epsilon must be a finite number above 0, got -1.0");
    }

    @Test
    void perColumnMissingCodesFromOptionsAndSchema() throws IOException {
        StringBuilder sb = new StringBuilder("preg,skin,insulin\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i % 3).append(',').append(i % 4 == 0 ? 0 : 20 + i % 17).append(',')
                    .append(i % 4 == 0 || i % 5 == 0 ? 0 : 80 + i).append('\n');
        }
        Path in = Files.writeString(dir.resolve("pima.csv"), sb.toString());
        Path schema = Files.writeString(dir.resolve("schema.tsv"), "insulin\t0\n");
        Path out = dir.resolve("syn.csv");
        CliRun run = CliRun.of("table", "synth", "--input", in.toString(), "--na-col", "skin=0", "--schema",
                schema.toString(), "--seed", "2", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        java.util.List<String> lines = Files.readAllLines(out);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f[1]).as(line).isNotEqualTo("0");
            assertThat(f[2]).as(line).isNotEqualTo("0");
            if (f[1].equals("NA")) {
                assertThat(f[2]).as("insulin is missing whenever skin is").isEqualTo("NA");
            }
        }
        assertThat(lines.stream().filter(l -> l.startsWith("0,"))).isNotEmpty();
        CliRun bad = CliRun.of("table", "synth", "--input", in.toString(), "--na-col", "skinfold=0", "--out",
                dir.resolve("o.csv").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("genosynth: error: --na-col names column 'skinfold'");
        Path badSchema = Files.writeString(dir.resolve("bad.yaml"), "na_codes: [skin]\n");
        CliRun bad2 = CliRun.of("table", "synth", "--input", in.toString(), "--schema", badSchema.toString(),
                "--out", dir.resolve("o.csv").toString());
        assertThat(bad2.exitCode()).isEqualTo(2);
        assertThat(bad2.err()).startsWith("genosynth: error: " + badSchema + ":1: field 'na_codes': expected a "
                + "mapping");
        assertThat(bad2.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void aimPrintsAndRecordsItsGuarantee() throws IOException {
        String names = "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6";
        Path out = dir.resolve("aim.csv.gz");
        String[] bounds = {"--bounds", "age=18:90", "--bounds", "bmi=15:50", "--bounds", "bp=50:150", "--bounds",
            "s1=80:350", "--bounds", "s2=30:260", "--bounds", "s3=15:110", "--bounds", "s4=1:10", "--bounds",
            "s5=3:6.5", "--bounds", "s6=50:200"};
        CliRun unbounded = CliRun.of("table", "synth", "--input", diabetes().toString(), "--names", names, "--method",
                "aim", "--epsilon", "1", "--bounds", "age=18:90", "--out", out.toString());
        assertThat(unbounded.exitCode()).isEqualTo(2);
        assertThat(unbounded.err()).startsWith("genosynth: error: --method aim needs public bounds for every numeric "
                + "column").contains("give --bounds NAME=MIN:MAX for bmi, bp, s1, s2, s3, s4, s5, s6");
        assertThat(out).doesNotExist();
        List<String> args = new java.util.ArrayList<>(List.of("table", "synth", "--input", diabetes().toString(),
                "--names", names, "--method", "aim", "--epsilon", "1", "--delta", "1e-6", "--out", out.toString()));
        args.addAll(List.of(bounds));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("privacy: (1.0, 1.0E-6)-DP for adding or removing one row")
                .contains("privacy: assumed public (the schema): the column names and types, the numeric bounds "
                        + "given (age 18.0:90.0, bmi 15.0:50.0")
                .contains("nothing else is taken from the data outside the budget")
                .contains("model: AIM with a Private-PGM graphical model");
        List<String> dp = new java.util.ArrayList<>(List.of("table", "synth", "--input", diabetes().toString(),
                "--names", names, "--method", "dpcopula", "--epsilon", "1", "--seed", "3", "--out",
                dir.resolve("dpc.csv").toString()));
        dp.addAll(List.of(bounds));
        CliRun dpRun = CliRun.of(dp.toArray(String[]::new));
        assertThat(dpRun.exitCode()).as(dpRun.err()).isZero();
        assertThat(dpRun.out()).contains("privacy: (1.0, 1.0E-9)-DP for adding or removing one row")
                .contains("model: DP Gaussian copula");
        assertThat(Files.readString(dir.resolve("dpc.manifest.json"))).contains("\"method\": \"dpcopula\"")
                .contains("\"rho_zcdp\": 0.0149730");
        String manifest = Files.readString(dir.resolve("aim.manifest.json"));
        assertThat(manifest).contains("\"method\": \"aim\"").contains("\"delta\": 1.0E-6")
                .contains("\"rho_zcdp\": 0.0").contains("\"privacy_guarantee\": [")
                .contains("\"seed\": \"secret (not recorded)\"");
        CliRun noEpsilon = CliRun.of("table", "synth", "--input", diabetes().toString(), "--method", "aim",
                "--out", dir.resolve("o.csv").toString());
        assertThat(noEpsilon.exitCode()).isEqualTo(2);
        assertThat(noEpsilon.err()).startsWith("genosynth: error: --method aim needs --epsilon");
        CliRun deltaAlone = CliRun.of("table", "synth", "--input", diabetes().toString(), "--epsilon", "1",
                "--delta", "1e-6", "--out", dir.resolve("o.csv").toString());
        assertThat(deltaAlone.exitCode()).isEqualTo(2);
        assertThat(deltaAlone.err()).startsWith("genosynth: error: --delta applies to --method aim and dpcopula only");
        assertThat(dir.resolve("o.csv")).doesNotExist();
        assertThat(dir.resolve("o.manifest.json")).doesNotExist();
    }
}
