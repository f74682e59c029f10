package org.genosynth.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genosynth.io.SharedData;
import org.genosynth.table.eval.TableEvaluation;
import org.genosynth.table.io.TableReadOptions;
import org.genosynth.table.io.TableSplit;
import org.genosynth.testing.PeerTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check of the per-column KS complement against SciPy's {@code scipy.stats.ks_2samp} (Debian python3-scipy), on
 * the diabetes training part against its holdout (the baseline of the report, where every row is used: no subsample).
 */
class MetricsVsScipyTest {
    private static final TableReadOptions NAMES = new TableReadOptions(TableReadOptions.Header.NO,
            List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), Map.of(), null);

    @TempDir
    Path dir;

    @Test
    void baselineKsComplementEqualsScipy() throws IOException {
        TableSplit.Result parts = TableSplit.run(SharedData.path("clinical/diabetes_data_raw.csv.gz"), NAMES, 0.7, 1,
                dir.resolve("d").toString());
        // the holdout scored against itself as "synthetic": the baseline column scores are train vs holdout
        TableEvaluation.Result r = TableEvaluation.run(new TableEvaluation.Request(parts.train(), parts.holdout(),
                parts.holdout(), NAMES, 1, 1, dir.resolve("eval")));
        String script = String.join("\n",
                "import sys",
                "from scipy.stats import ks_2samp",
                "def load(p): return [[float(x) for x in l.split()] for l in open(p) if l.strip()]",
                "a = load(sys.argv[1]); b = load(sys.argv[2])",
                "for c in [0, 2, 3, 4, 5, 6, 7, 8, 9]:",
                "    print(repr(1 - float(ks_2samp([r[c] for r in a], [r[c] for r in b]).statistic)))");
        Files.writeString(dir.resolve("ks.py"), script);
        String out = PeerTool.run(dir, "python3", "ks.py", parts.train().toString(), parts.holdout().toString());
        String[] scipy = out.strip().split("\n");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) r.metrics().get("columns");
        int k = 0;
        for (Map<String, Object> c : columns) {
            if (c.containsKey("ks_complement")) {
                double ours = ((Number) c.get("baseline")).doubleValue();
                assertThat(ours).as(c.get("name").toString()).isCloseTo(Double.parseDouble(scipy[k++]),
                        org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThat(k).isEqualTo(9);
    }
}
