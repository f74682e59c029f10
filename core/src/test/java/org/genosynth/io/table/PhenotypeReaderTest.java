package org.genosynth.io.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;
import org.genosynth.io.SharedData;
import org.genosynth.io.TextInput;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;
import org.genosynth.model.Sex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhenotypeReaderTest {
    private static final List<Sample> COHORT = List.of(
            new Sample("f1", "a", "0", "0", Sex.MALE, null),
            new Sample("f1", "b", "0", "0", Sex.FEMALE, null),
            new Sample("f2", "b", "0", "0", Sex.FEMALE, null),
            new Sample("f3", "c", "0", "0", Sex.UNKNOWN, null));

    @TempDir
    Path dir;

    @Test
    void mousePhenotypesAreGemmaStyle() throws IOException {
        Path pheno = SharedData.mouse(".pheno.txt.gz");
        PhenotypeTable t = PhenotypeReader.read(pheno, mouseSamples());
        assertThat(t.rowCount()).isEqualTo(1_940);
        assertThat(t.names()).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(t.observedCount(0)).isEqualTo(1_410);
        assertThat(t.observedCount(5)).isEqualTo(1_580);
        assertThat(t.column(0)[0]).isEqualTo(0.224991591484104);
        assertThat(t.column(5)[1]).isEqualTo(-2.33353176490961);
        assertThat(PhenotypeReader.resolveColumn(t, "6", pheno)).isEqualTo(5);
    }

    @Test
    void aUtf8ByteOrderMarkBeforeTheHeaderIsNotPartOfIt() throws IOException {
        // spreadsheet exports start with EF BB BF: the header must still be recognised as #FID IID
        Path f = write("bom.txt", "\uFEFF#FID\tIID\tbmi\n" + "f2\tb\t21.5\n" + "f1\ta\t19\n");
        assertThat(Files.readAllBytes(f)[0]).isEqualTo((byte) 0xEF);
        PhenotypeTable t = PhenotypeReader.read(f, COHORT);
        assertThat(t.names()).containsExactly("bmi");
        assertThat(t.column(0)).containsExactly(19.0, Double.NaN, 21.5, Double.NaN);
    }

    @Test
    void plinkStyleMatchesByFidAndIidThenIid() throws IOException {
        Path f = write("p.txt", "#FID\tIID\tbmi\tage\n"
                + "f2\tb\t21.5\t.\n"
                + "zz\tc\tNA\t40\n"
                + "f1\ta\t-9\t\n");
        PhenotypeTable t = PhenotypeReader.read(f, COHORT);
        assertThat(t.sampleIds()).containsExactly("a", "b", "b", "c");
        assertThat(t.names()).containsExactly("bmi", "age");
        assertThat(t.column(0)).containsExactly(Double.NaN, Double.NaN, 21.5, Double.NaN);
        assertThat(t.column(1)).containsExactly(Double.NaN, Double.NaN, Double.NaN, 40.0);
        // 'zz c' matched sample c by its IID alone: said, as plink2 would not match it
        assertThat(t.notes()).containsExactly("p.txt: 1 rows matched by IID alone (their FID is not the genotype "
                + "file's)");
        assertThat(PhenotypeReader.resolveColumn(t, "age", f)).isEqualTo(1);
        assertThat(PhenotypeReader.resolveColumn(t, "1", f)).isZero();
    }

    @Test
    void iidOnlyHeaderWithSpaces() throws IOException {
        Path f = write("p.txt", "IID  x\n  a   1.5\nc 2e-3\n");
        PhenotypeTable t = PhenotypeReader.read(f, List.of(COHORT.get(0), COHORT.get(3)));
        assertThat(t.column(0)).containsExactly(1.5, 0.002);
    }

    @Test
    void rowsForOtherSamplesAreIgnoredWithOneNote() throws IOException {
        Path f = write("p.txt", "FID IID y\nf1 a 1\nf9 zed 2\nf9 zed 3\nf8 yy 4\n");
        PhenotypeTable t = PhenotypeReader.read(f, COHORT);
        assertThat(t.column(0)).containsExactly(1.0, Double.NaN, Double.NaN, Double.NaN);
        assertThat(t.notes()).containsExactly("p.txt: 3 rows for samples not in the genotype file ignored");
        assertFails(write("q.txt", "IID y\nzed 1\n"), COHORT, "q.txt", "none of its 1 rows", "'a'");
    }

    @Test
    void covariateColumnsOfWordsAreCategoricalAsPlink2Reads() throws IOException {
        Path f = write("c.txt", "FID IID sex batch age\nf1 a M b2 30\nf1 b F b1 40\nf2 b NA b3 50\nf3 c M b1 -9\n");
        PhenotypeTable t = PhenotypeReader.readCovariates(f, COHORT, List.of());
        // k - 1 indicators per categorical column, the most common level the reference (plink2's choice)
        assertThat(t.names()).containsExactly("sex=F", "batch=b2", "batch=b3", "age");
        assertThat(t.column(0)).containsExactly(0.0, 1, Double.NaN, 0);
        assertThat(t.column(1)).containsExactly(1.0, 0, 0, 0);
        assertThat(t.column(2)).containsExactly(0.0, 0, 1, 0);
        assertThat(t.column(3)).containsExactly(30.0, 40, 50, Double.NaN);
        assertThat(t.notes()).containsExactly(
                "c.txt: categorical covariate 'sex' (2 levels) as 1 indicator column, reference level 'M'",
                "c.txt: categorical covariate 'batch' (3 levels) as 2 indicator columns, reference level 'b1'");
        // a range names the original columns
        assertThat(PhenotypeReader.readCovariates(f, COHORT, List.of("batch-age")).names())
                .containsExactly("batch=b2", "batch=b3", "age");
        // numbers mixed with words: the first word is an error, with its line
        Path mixed = write("m.txt", "FID IID x\nf1 a 1\nf1 b oops\n");
        assertThatThrownBy(() -> PhenotypeReader.readCovariates(mixed, COHORT, List.of()))
                .isInstanceOf(InputException.class)
                .hasMessageContainingAll("m.txt:3", "field 'x'", "not a number: 'oops'", "'1' on line 2");
        // a different word for every sample is an ID column
        Path ids = write("i.txt", "FID IID id\nf1 a q1\nf1 b q2\nf2 b q3\n");
        assertThatThrownBy(() -> PhenotypeReader.readCovariates(ids, COHORT, List.of()))
                .isInstanceOf(InputException.class).hasMessageContainingAll("i.txt", "'id'", "every sample (3)");
        // one level only is a constant covariate
        Path one = write("o.txt", "FID IID site\nf1 a x\nf1 b x\n");
        assertThatThrownBy(() -> PhenotypeReader.readCovariates(one, COHORT, List.of()))
                .isInstanceOf(InputException.class).hasMessageContainingAll("o.txt", "'site' is constant", "'x'");
        // a phenotype is never categorical
        assertThatThrownBy(() -> PhenotypeReader.read(f, COHORT, List.of("sex"))).isInstanceOf(InputException.class)
                .hasMessageContainingAll("c.txt:2", "not a number: 'M'");
    }

    @Test
    void plinkOneHeaderlessTablesAreReadByTheirIds() throws IOException {
        // plink 1 style: no header, FID IID then values (plink2 names them PHENO1..); recognised by the first row's IDs
        Path f = write("h.txt", "f3 c 7 x8\nf1 a 5 6\nf9 zz 1 2\n");
        PhenotypeTable t = PhenotypeReader.read(f, COHORT, List.of("1"));
        assertThat(t.names()).containsExactly("PHENO1");
        assertThat(t.column(0)).containsExactly(5.0, Double.NaN, Double.NaN, 7);
        assertThat(t.notes()).containsExactly("h.txt: 1 rows for samples not in the genotype file ignored");
        assertThat(PhenotypeReader.read(f, COHORT, List.of("PHENO1")).column(0)).containsExactly(5.0, Double.NaN,
                Double.NaN, 7);
        assertThatThrownBy(() -> PhenotypeReader.read(f, COHORT, List.of("PHENO2")))
                .isInstanceOf(InputException.class).hasMessageContainingAll("h.txt:1", "PHENO2", "not a number: 'x8'");
        // a covariate table too, its word columns categorical
        Path c = write("hc.txt", "f1 a M 1\nf1 b F 2\nf3 c M 3\n");
        PhenotypeTable cov = PhenotypeReader.readCovariates(c, COHORT, List.of());
        assertThat(cov.names()).containsExactly("PHENO1=F", "PHENO2");
        assertThat(cov.column(0)).containsExactly(0.0, 1, Double.NaN, 0);
    }

    @Test
    void onlyTheRequestedColumnsAreParsed() throws IOException {
        Path f = write("p.txt", "FID IID y bad z\nf1 a 1 oops 5\nf3 c 2 x 6\n");
        PhenotypeTable t = PhenotypeReader.read(f, COHORT, List.of("z,y"));
        assertThat(t.names()).containsExactly("z", "y");
        assertThat(t.column(0)).containsExactly(5.0, Double.NaN, Double.NaN, 6.0);
        assertThat(t.column(1)).containsExactly(1.0, Double.NaN, Double.NaN, 2.0);
        assertThatThrownBy(() -> PhenotypeReader.read(f, COHORT, List.of("bad"))).isInstanceOf(InputException.class)
                .hasMessageContainingAll("p.txt:2", "field 'bad'", "not a number: 'oops'")
                .hasMessageNotContaining("FID IID");
        Path g = write("g.txt", "1 x 3\n4 y 6\n7 z 9\n0 w 1\n");
        assertThat(PhenotypeReader.read(g, COHORT, List.of("3", "1")).column(0)).containsExactly(3.0, 6, 9, 1);
    }

    @Test
    void rangesAndListsFollowFileOrder() throws IOException {
        StringBuilder text = new StringBuilder("FID IID age");
        for (int pc = 1; pc <= 12; pc++) {
            text.append(" PC").append(pc);
        }
        text.append(" my-col\nf1 a 50");
        for (int pc = 1; pc <= 12; pc++) {
            text.append(' ').append(pc / 10.0);
        }
        text.append(" 7\n");
        Path f = write("c.txt", text.toString());
        PhenotypeTable t = PhenotypeReader.read(f, COHORT, List.of("age,PC1-PC10"));
        assertThat(t.names()).containsExactly("age", "PC1", "PC2", "PC3", "PC4", "PC5", "PC6", "PC7", "PC8", "PC9",
                "PC10");
        assertThat(t.column(10)[0]).isEqualTo(1.0);
        assertThat(PhenotypeReader.read(f, COHORT, List.of("2-4")).names()).containsExactly("PC1", "PC2", "PC3");
        assertThat(PhenotypeReader.read(f, COHORT, List.of("my-col")).column(0)[0]).isEqualTo(7.0);
        assertThatThrownBy(() -> PhenotypeReader.read(f, COHORT, List.of("PC10-PC1")))
                .isInstanceOf(InputException.class).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> PhenotypeReader.read(f, COHORT, List.of("PC1-PC20")))
                .isInstanceOf(InputException.class).hasMessageContainingAll("c.txt", "'PC1-PC20'", "range A-B");
        assertThatThrownBy(() -> PhenotypeReader.readCovariates(f, COHORT, List.of("PC1-PC20")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("c.txt: no covariate column 'PC1-PC20' in the covariate file; available: age")
                .hasMessageNotContaining("phenotype");
        assertThat(PhenotypeReader.readCovariates(f, COHORT, List.of("PC1-PC3")).names())
                .containsExactly("PC1", "PC2", "PC3");
    }

    @Test
    void ambiguousIidAndDuplicateRowsAreErrors() throws IOException {
        assertFails(write("p.txt", "IID y\nb 1\n"), COHORT, "p.txt:2", "IID 'b' belongs to several samples");
        assertFails(write("q.txt", "FID IID y\nf1 a 1\nf1 a 2\n"), COHORT, "q.txt:3", "already has a row (line 2)");
    }

    @Test
    void nonNumericRaggedAndEmptyAreErrors() throws IOException {
        assertFails(write("n.txt", "FID IID y\nf1 a yes\n"), COHORT, "n.txt:2", "field 'y'", "not a number: 'yes'");
        assertFails(write("r.txt", "1 2\n3\n4 5\n6 7\n"), COHORT, "r.txt:2", "expected 2 fields", "found 1");
        assertFails(write("e.txt", "\n\n"), COHORT, "e.txt", "empty");
        assertFails(write("h.txt", "ID y\na 1\n"), COHORT, "h.txt:1", "not a number: 'ID'", "FID IID");
    }

    @Test
    void gemmaStyleNeedsOneRowPerSample() throws IOException {
        assertFails(write("g.txt", "1\n2\nNA\n"), COHORT, "g.txt", "has 3 rows", "4 samples");
    }

    @Test
    void unknownColumnListsTheAvailableOnes() throws IOException {
        Path f = write("p.txt", "FID IID bmi age\nf1 a 1 2\n");
        PhenotypeTable t = PhenotypeReader.read(f, COHORT);
        assertThatThrownBy(() -> PhenotypeReader.resolveColumn(t, "height", f)).isInstanceOf(InputException.class)
                .hasMessageContainingAll("p.txt", "'height'", "bmi, age", "1..2");
        assertThatThrownBy(() -> PhenotypeReader.resolveColumn(t, "3", f)).isInstanceOf(InputException.class);
    }

    @Test
    void writerRoundTrip() {
        double[][] cols = {{1.5, Double.NaN, 0.1, 3}, {Double.NaN, 2, 1e-7, -4.25}};
        PhenotypeTable t = new PhenotypeTable(List.of("a", "b", "b", "c"), List.of("x", "y"), cols);
        Path out = dir.resolve("sub/out.pheno");
        PhenotypeWriter.write(out, COHORT, t);
        PhenotypeTable back = PhenotypeReader.read(out, COHORT);
        assertThat(back.names()).containsExactly("x", "y");
        assertThat(back.column(0)).containsExactly(cols[0]);
        assertThat(back.column(1)).containsExactly(cols[1]);
        assertThat(dir.resolve("sub").toFile().list()).containsExactly("out.pheno");
    }

    private static void assertFails(Path f, List<Sample> cohort, String... parts) {
        assertThatThrownBy(() -> PhenotypeReader.read(f, cohort)).isInstanceOf(InputException.class)
                .hasMessageContainingAll(parts);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<Sample> mouseSamples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (BufferedReader r = TextInput.openReader(SharedData.mouse(".fam.gz"))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = LineReader.splitWhitespace(line);
                samples.add(new Sample(f[0], f[1], f[2], f[3], Sex.fromPlink(f[4]), null));
            }
        }
        return samples;
    }
}
