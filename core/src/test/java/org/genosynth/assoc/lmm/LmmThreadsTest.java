package org.genosynth.assoc.lmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.Model;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same bytes at any thread count: the relatedness matrix's panels, the eigendecomposition (its fixed BLAS
 * thread count and back-transformation panels) and the per-SNP blocks must not depend on {@code --threads}. CD8 of
 * mouse_hs1940 with 1, 2 and 3 workers: identical {@code OUT.gwas.tsv} and {@code OUT.lmm.log.tsv} (but for its
 * timings).
 */
class LmmThreadsTest {
    @TempDir
    Path dir;

    @Test
    void outputsAreIdenticalAtAnyThreadCount() throws IOException {
        Path geno = SharedData.mouse(".geno.txt.gz").toAbsolutePath();
        Path pheno = SharedData.mouse(".pheno.txt.gz").toAbsolutePath();
        Path anno = SharedData.mouseAnnotation(dir);
        ReadOptions read = new ReadOptions(null, null, anno, null);
        byte[] table = null;
        List<String> log = null;
        for (int threads : new int[] {1, 2, 3}) {
            String out = dir.resolve("t" + threads).toString();
            LmmGwas.run(new GwasRequest(geno, read, pheno, "1", null, null, Model.LMM, out, threads));
            byte[] t = Files.readAllBytes(Path.of(out + ".gwas.tsv"));
            List<String> l = Files.readAllLines(Path.of(out + ".lmm.log.tsv")).stream()
                    .filter(s -> !s.startsWith("note\tseconds:")).toList();
            if (table == null) {
                table = t;
                log = l;
            } else {
                assertThat(t).as("OUT.gwas.tsv with %d threads", threads).isEqualTo(table);
                assertThat(l).as("OUT.lmm.log.tsv with %d threads", threads).isEqualTo(log);
            }
        }
    }
}
