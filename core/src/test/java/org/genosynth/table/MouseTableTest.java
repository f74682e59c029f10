package org.genosynth.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.genosynth.io.SharedData;
import org.genosynth.table.eval.TableEvaluation;
import org.genosynth.table.io.TableReadOptions;
import org.genosynth.table.io.TableSplit;
import org.genosynth.table.synth.TableSynthesis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mouse phenotype table beside the genotypes (.fam: family, sample ID, strain labels, sex, 6 phenotypes with
 * structured missingness: CD8 measured on 1,410 mice, its "train" copy masked on a test set, a third column holding the
 * test set). Missing cells must come in the real patterns, and no real sample ID may appear in the output.
 */
class MouseTableTest {
    private static final TableReadOptions NAMES = new TableReadOptions(null, List.of("FID", "IID", "PAT", "MAT",
            "SEX", "CD8", "CD8_train", "p3", "p4", "p5", "MCH"), Map.of(), null);

    @TempDir
    Path dir;

    @Test
    void copulaKeepsMissingPatternsAndCorrelationsWithoutRealIds() throws IOException {
        Path fam = SharedData.mouse(".fam.gz");
        TableSplit.Result parts = TableSplit.run(fam, NAMES, 0.7, 1, dir.resolve("mouse").toString());
        Path syn = dir.resolve("syn.tsv");
        TableSynthesis.Result s = TableSynthesis.run(new TableSynthesis.Request(parts.train(), NAMES, 0,
                TableSynthesis.Method.COPULA, null, 1, syn, 5, 2, 8, null));
        assertThat(s.model()).contains("missing-pattern variable with 6 patterns");
        TableEvaluation.Result r = TableEvaluation.run(new TableEvaluation.Request(parts.train(), syn,
                parts.holdout(), NAMES, 1, 5, dir.resolve("eval")));
        // measured: missing patterns 0.970 vs baseline 0.970; correlations 0.968 vs 0.966
        assertThat(r.metric("missingness_similarity"))
                .isGreaterThanOrEqualTo(r.metric("baseline_missingness_similarity") - 0.02);
        assertThat(r.metric("correlation_similarity"))
                .isGreaterThanOrEqualTo(r.metric("baseline_correlation_similarity") - 0.02);
        assertThat(r.metric("ks_complement")).isGreaterThanOrEqualTo(r.metric("baseline_ks_complement") - 0.02);
        assertThat(r.metric("exact_copies")).isZero();

        Set<String> realIds = new HashSet<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new GZIPInputStream(
                Files.newInputStream(fam))))) {
            in.lines().forEach(l -> realIds.add(l.split("\\s+")[1]));
        }
        List<String> lines = Files.readAllLines(syn);
        assertThat(lines).hasSize(1359);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            assertThat(realIds).doesNotContain(f[1]);
            assertThat(f[1]).startsWith("syn");
            // CD8_train is CD8 with a test set masked: wherever CD8_train is present, CD8 is too
            if (!f[6].equals("NA")) {
                assertThat(f[5]).isNotEqualTo("NA");
            }
        }
    }
}
