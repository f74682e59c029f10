package org.genosynth.table.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genosynth.io.InputException;
import org.genosynth.io.SharedData;
import org.genosynth.table.ColumnType;
import org.genosynth.table.DataTable;
import org.genosynth.table.synth.TableSynthesis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static TableReadOptions defaults() {
        return TableReadOptions.defaults();
    }

    @Test
    void diabetesIsSpaceSeparatedWithoutHeader() {
        DataTable t = TableReader.read(SharedData.path("clinical/diabetes_data_raw.csv.gz"), defaults());
        assertThat(t.rows()).isEqualTo(442);
        assertThat(t.columns()).extracting(c -> c.type()).containsExactly(ColumnType.INTEGER, ColumnType.BOOLEAN,
                ColumnType.NUMERIC, ColumnType.NUMERIC, ColumnType.INTEGER, ColumnType.NUMERIC, ColumnType.NUMERIC,
                ColumnType.NUMERIC, ColumnType.NUMERIC, ColumnType.INTEGER);
        assertThat(t.column(0).name()).isEqualTo("V1");
        assertThat(t.column(1).levels()).containsExactly("1", "2");
        // s5 is written with 4 decimals, except floats printed in full (4.803999999999999): 4 decimals kept
        assertThat(t.column(8).decimals()).isEqualTo(4);
        assertThat(t.column(8).format(4.803999999999999, "NA")).isEqualTo("4.8040");
        // bp: 101.0 and 99.67
        assertThat(t.column(3).decimals()).isEqualTo(2);
        assertThat(t.value(0, 0)).isEqualTo(59);
    }

    @Test
    void csvWithHeaderQuotesMissingValuesAndDates() throws IOException {
        Path p = file("t.csv", "id,\"name, given\",visit,score,grade,ok\n"
                + String.join("", java.util.stream.IntStream.range(0, 25).mapToObj(i -> "P" + i + ",\"Doe, J\","
                        + "2024-01-" + String.format("%02d", i % 28 + 1) + "," + (i % 3 == 0 ? "NA" : i + ".5")
                        + "," + (i % 2 == 0 ? "A" : "B") + "," + (i % 4 == 0 ? "yes" : "no") + "\n").toList()));
        DataTable t = TableReader.read(p, defaults());
        assertThat(t.columns()).extracting(c -> c.name()).containsExactly("id", "name, given", "visit", "score",
                "grade", "ok");
        assertThat(t.columns()).extracting(c -> c.type()).containsExactly(ColumnType.ID, ColumnType.CATEGORICAL,
                ColumnType.DATE, ColumnType.NUMERIC, ColumnType.CATEGORICAL, ColumnType.BOOLEAN);
        assertThat(t.value(3, 0)).isNaN();
        assertThat(t.column(2).format(t.value(2, 3), "NA")).isEqualTo("2024-01-04");
        assertThat(t.column(1).levels()).containsExactly("Doe, J");
    }

    @Test
    void tsvAndArffAgreeAndRoundTrip() throws IOException {
        Path tsv = file("t.tsv", "a\tb\tc\n1.5\tx\t2020-02-01\n2.25\ty\t?\n\t\tz\t2020-03-01\n".replace("\t\tz", "\tz")
                + "4.0\tx\t2020-04-01\n");
        Path arff = file("t.arff", "% comment\n@relation test\n@attribute a numeric\n@attribute b {x,y,z}\n"
                + "@attribute 'c' date 'yyyy-MM-dd'\n@data\n1.5,x,2020-02-01\n2.25,y,?\n?,z,2020-03-01\n"
                + "4.0,x,2020-04-01\n");
        DataTable fromTsv = TableReader.read(tsv, defaults());
        DataTable fromArff = TableReader.read(arff, defaults());
        assertThat(fromTsv.rows()).isEqualTo(4);
        assertThat(fromArff.columns()).extracting(c -> c.type()).containsExactly(ColumnType.NUMERIC,
                ColumnType.CATEGORICAL, ColumnType.DATE);
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 4; r++) {
                assertThat(fromArff.column(c).format(fromArff.value(c, r), "NA"))
                        .isEqualTo(fromTsv.column(c).format(fromTsv.value(c, r), "NA"));
            }
        }
        for (String name : List.of("back.arff", "back.tsv", "back.csv.gz")) {
            TableWriter.write(fromArff, dir.resolve(name));
            DataTable back = TableReader.readLike(dir.resolve(name), defaults(), fromArff);
            for (int c = 0; c < 3; c++) {
                assertThat(back.values(c)).as(name).containsExactly(fromArff.values(c));
            }
        }
    }

    @Test
    void raggedRowNamesFileLineAndCounts() throws IOException {
        Path p = file("ragged.csv", "a,b,c\n1,2,3\n4,5\n");
        assertThatThrownBy(() -> TableReader.read(p, defaults())).isInstanceOf(InputException.class)
                .hasMessage(p + ":3: this row has 2 fields but the header has 3 (delimiter: comma); every row needs "
                        + "one field per column");
    }

    @Test
    void mixedTypesNameTheOddCell() throws IOException {
        Path p = file("mixed.tsv", "age\tsex\n34\tM\n51\tF\nabc\tM\n47\tF\n");
        assertThatThrownBy(() -> TableReader.read(p, defaults())).isInstanceOf(InputException.class)
                .hasMessageStartingWith(p + ":4: field 'age': 'abc' is not a number, but 3 of the column's 4 values "
                        + "are");
        DataTable declared = TableReader.read(p, new TableReadOptions(null, null, Map.of("age", "categorical"), null));
        assertThat(declared.column(0).levels()).containsExactly("34", "47", "51", "abc");
    }

    @Test
    void emptyFilesAreErrors() throws IOException {
        Path empty = file("empty.csv", "");
        assertThatThrownBy(() -> TableReader.read(empty, defaults())).isInstanceOf(InputException.class)
                .hasMessage(empty + ": the file is empty: no header and no rows");
        Path blank = file("blank.csv", "\n  \n");
        assertThatThrownBy(() -> TableReader.read(blank, defaults())).hasMessageContaining("the file is empty");
        Path header = file("header.csv", "a,b\n");
        assertThatThrownBy(() -> TableReader.read(header, new TableReadOptions(TableReadOptions.Header.YES, null,
                null, null))).hasMessage(header + ":1: the file has a header but no data rows");
        Path arff = file("empty.arff", "@relation x\n@attribute a numeric\n@data\n");
        assertThatThrownBy(() -> TableReader.read(arff, defaults())).hasMessage(arff
                + ": the ARFF file has no data rows after @data");
    }

    @Test
    void allMissingColumnIsKeptEmptyAndNotModelled() throws IOException {
        StringBuilder sb = new StringBuilder("x,y,nothing\n");
        for (int i = 0; i < 30; i++) {
            sb.append(i).append(',').append(i * 2 + 0.5).append(",NA\n");
        }
        Path p = file("nothing.csv", sb.toString());
        DataTable t = TableReader.read(p, defaults());
        assertThat(t.column(2).type()).isEqualTo(ColumnType.EMPTY);
        Path out = dir.resolve("syn.csv");
        TableSynthesis.Result r = TableSynthesis.run(new TableSynthesis.Request(p, defaults(), 10,
                TableSynthesis.Method.CART, null, 3, out, 5, 2, 8, null));
        assertThat(r.notes()).anyMatch(n -> n.contains("'nothing' has no value at all"));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(11);
        assertThat(lines.subList(1, 11)).allMatch(l -> l.endsWith(",NA"));
    }

    @Test
    void mousePhenotypesBesideTheGenotypes() {
        TableReadOptions names = new TableReadOptions(null, List.of("FID", "IID", "PAT", "MAT", "SEX", "CD8",
                "CD8_train", "p3", "p4", "p5", "MCH"), Map.of(), null);
        DataTable t = TableReader.read(SharedData.mouse(".fam.gz"), names);
        assertThat(t.rows()).isEqualTo(1940);
        assertThat(t.columns()).extracting(c -> c.type()).containsExactly(ColumnType.CATEGORICAL, ColumnType.ID,
                ColumnType.CATEGORICAL, ColumnType.CATEGORICAL, ColumnType.BOOLEAN, ColumnType.NUMERIC,
                ColumnType.NUMERIC, ColumnType.NUMERIC, ColumnType.BOOLEAN, ColumnType.BOOLEAN, ColumnType.NUMERIC);
        assertThat(t.column(0).levels()).hasSize(85);
        assertThat(java.util.Arrays.stream(t.values(5)).filter(Double::isNaN).count()).isEqualTo(530);
        assertThat(java.util.Arrays.stream(t.values(10)).filter(Double::isNaN).count()).isEqualTo(360);
    }

    @Test
    void perColumnMissingCodesLeaveOtherColumnsAlone() throws IOException {
        Path p = file("pima.csv", "preg,skin,insulin\n0,0,0\n2,30,0.0\n0,25,100\n3,0,90\n1,22,80\n");
        DataTable t = TableReader.read(p, new TableReadOptions(TableReadOptions.Header.AUTO, null, Map.of(), null,
                Map.of("skin", java.util.Set.of("0"), "insulin", java.util.Set.of("0"))));
        assertThat(t.values(0)).containsExactly(0, 2, 0, 3, 1);
        assertThat(t.values(1)).containsExactly(Double.NaN, 30, 25, Double.NaN, 22);
        // 0.0 is the number 0: missing too
        assertThat(t.values(2)).containsExactly(Double.NaN, Double.NaN, 100, 90, 80);
        assertThatThrownBy(() -> TableReader.read(p, new TableReadOptions(TableReadOptions.Header.AUTO, null,
                Map.of(), null, Map.of("skinfold", java.util.Set.of("0")))))
                .isInstanceOf(InputException.class).hasMessageContaining("--na-col names column 'skinfold'");
    }

    @Test
    void schemaFilesInTsvAndYaml() throws IOException {
        Path tsv = file("schema.tsv", "column\tna_codes\n# zeros mean not measured\nskin\t0\ninsulin\t0,-1\n");
        assertThat(TableSchema.read(tsv)).containsOnlyKeys("skin", "insulin");
        assertThat(TableSchema.read(tsv).get("insulin")).containsExactlyInAnyOrder("0", "-1");
        Path yaml = file("schema.yaml", "na_codes:\n  skin: 0\n  insulin: [0, -1]\n");
        assertThat(TableSchema.read(yaml)).isEqualTo(TableSchema.read(tsv));
        Path bad = file("bad.tsv", "skin\t0\ninsulin 0\n");
        assertThatThrownBy(() -> TableSchema.read(bad)).isInstanceOf(InputException.class)
                .hasMessageContaining(bad + ":2:").hasMessageContaining("column<TAB>na_codes");
        Path badYaml = file("bad.yaml", "na_codes:\n  skin: 0\n  insulin: {a: 1}\n");
        assertThatThrownBy(() -> TableSchema.read(badYaml)).isInstanceOf(InputException.class)
                .hasMessageContaining(badYaml + ":3: field 'insulin'");
        Path twice = file("twice.tsv", "skin\t0\nskin\t1\n");
        assertThatThrownBy(() -> TableSchema.read(twice)).hasMessageContaining(":2: field 'skin': column given twice");
    }
}
