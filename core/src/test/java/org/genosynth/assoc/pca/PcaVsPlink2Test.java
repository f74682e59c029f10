package org.genosynth.assoc.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.genosynth.assoc.kinship.StructureInput;
import org.genosynth.testing.MouseData;
import org.genosynth.testing.PeerTool;
import org.genosynth.testing.PeerTool.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth pca} against {@code plink2 --pca 10 biallelic-var-wts} on mouse_hs1940 (parents zeroed, the same
 * 10,300 variants of known position): eigenvalues, eigenvectors (up to sign), variant weights; projection of the
 * cohort onto its own PCs; and the randomized mode.
 */
class PcaVsPlink2Test {
    @TempDir
    static Path dir;
    static PcaJob.Summary exact;
    static Table plinkVec;
    static Table plinkVar;
    static double[] plinkVal;

    @BeforeAll
    static void run() throws Exception {
        Path prefix = MouseData.plink2Fileset(dir, "z");
        PeerTool.run(dir, "plink2", "--bfile", "z", "--pca", "10", "biallelic-var-wts", "--threads", "2",
                "--out", "p");
        plinkVec = PeerTool.readTable(dir.resolve("p.eigenvec"));
        plinkVar = PeerTool.readTable(dir.resolve("p.eigenvec.var"));
        plinkVal = java.nio.file.Files.readAllLines(dir.resolve("p.eigenval")).stream()
                .mapToDouble(Double::parseDouble).toArray();
        StructureInput input = new StructureInput(prefix, null, false, 2);
        exact = PcaJob.run(new PcaJob.Request(input, dir.resolve("ours").toString(), 10, false, prefix, 1));
        PcaJob.run(new PcaJob.Request(input, dir.resolve("approx").toString(), 10, true, null, 1));
    }

    @Test
    void eigenvaluesMatchPlink2() throws Exception {
        double[] ours = java.nio.file.Files.readAllLines(dir.resolve("ours.eigenval")).stream()
                .mapToDouble(Double::parseDouble).toArray();
        assertThat(ours).hasSize(10);
        double worst = 0;
        for (int c = 0; c < 10; c++) {
            worst = Math.max(worst, Math.abs(ours[c] - plinkVal[c]) / plinkVal[c]);
            assertThat(ours[c]).isCloseTo(plinkVal[c], within(1e-4 * plinkVal[c]));
        }
        System.out.println("PCA eigenvalue max relative diff: " + worst + " (LAPACK " + exact.lapack() + ")");
    }

    /**
     * Missing calls (mouse_hs1940 has none): a plink2 --dummy cohort with 2% missing calls, mean-imputed by both tools.
     * Its PCs are noise with near-equal eigenvalues, so only eigenvalues are compared.
     */
    @Test
    void eigenvaluesWithMissingCallsMatchPlink2() throws Exception {
        PeerTool.run(dir, "plink2", "--dummy", "300", "2000", "0.02", "acgt", "--seed", "5", "--make-bed",
                "--out", "dm");
        PeerTool.run(dir, "plink2", "--bfile", "dm", "--pca", "5", "--threads", "2", "--out", "pdm");
        double[] theirs = java.nio.file.Files.readAllLines(dir.resolve("pdm.eigenval")).stream()
                .mapToDouble(Double::parseDouble).toArray();
        PcaJob.run(new PcaJob.Request(new StructureInput(dir.resolve("dm"), null, false, 2),
                dir.resolve("odm").toString(), 5, false, null, 1));
        double[] ours = java.nio.file.Files.readAllLines(dir.resolve("odm.eigenval")).stream()
                .mapToDouble(Double::parseDouble).toArray();
        for (int c = 0; c < 5; c++) {
            assertThat(ours[c]).isCloseTo(theirs[c], within(1e-4 * theirs[c]));
        }
    }

    @Test
    void eigenvectorsMatchPlink2() {
        Table ours = PeerTool.readTable(dir.resolve("ours.eigenvec"));
        assertThat(ours.header()).isEqualTo(plinkVec.header());
        double worst = 1;
        for (int c = 0; c < 10; c++) {
            double r = Math.abs(correlation(column(ours, 2 + c), column(plinkVec, 2 + c)));
            worst = Math.min(worst, r);
            assertThat(r).as("PC%d", c + 1).isGreaterThanOrEqualTo(0.9999);
        }
        System.out.println("PCA exact min |corr| vs plink2: " + worst);
    }

    @Test
    void variantWeightsMatchPlink2UpToSign() {
        Table ours = PeerTool.readTable(dir.resolve("ours.eigenvec.var"));
        assertThat(ours.header()).isEqualTo(plinkVar.header());
        assertThat(ours.rows()).hasSameSizeAs(plinkVar.rows());
        for (int c = 0; c < 10; c++) {
            double r = Math.abs(correlation(column(ours, 4 + c), column(plinkVar, 4 + c)));
            assertThat(r).as("PC%d weights", c + 1).isGreaterThanOrEqualTo(0.9999);
        }
        for (int r = 0; r < ours.rows().size(); r++) {
            assertThat(ours.rows().get(r)[1]).isEqualTo(plinkVar.rows().get(r)[1]);
            assertThat(ours.rows().get(r)[2]).as("MAJ of %s", ours.rows().get(r)[1])
                    .isEqualTo(plinkVar.rows().get(r)[2]);
        }
    }

    @Test
    void projectingTheCohortReproducesItsEigenvectors() {
        Table vec = PeerTool.readTable(dir.resolve("ours.eigenvec"));
        Table projected = PeerTool.readTable(dir.resolve("ours.projected.eigenvec"));
        assertThat(exact.projection().matched()).isEqualTo(10300);
        assertThat(projected.rows()).hasSameSizeAs(vec.rows());
        double worst = 0;
        for (int c = 0; c < 10; c++) {
            double[] a = column(vec, 2 + c);
            double[] b = column(projected, 2 + c);
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
                assertThat(b[i]).isCloseTo(a[i], within(1e-5 * Math.abs(a[i]) + 2e-6));
            }
        }
        System.out.println("PCA projection of own samples max |diff|: " + worst);
    }

    @Test
    void modelFilesReadBackAndProjectTheSame() {
        PcaModel model = PcaFiles.readModel(dir.resolve("ours").toString());
        assertThat(model.variants()).hasSize(10300);
        assertThat(model.pcCount()).isEqualTo(10);
        PcaModel.Projection p = model.project(StructureInput.of(dir.resolve("z")).load());
        assertThat(p.match().matched()).isEqualTo(10300);
        Table vec = PeerTool.readTable(dir.resolve("ours.eigenvec"));
        for (int c = 0; c < 10; c++) {
            double[] expected = column(vec, 2 + c);
            for (int i = 0; i < expected.length; i++) {
                assertThat(p.coordinates()[i * 10 + c]).isCloseTo(expected[i], within(1e-5 * Math.abs(expected[i])
                        + 1e-6));
            }
        }
    }

    @Test
    void approximateTopPcsAgreeWithPlink2Exact() {
        Table approx = PeerTool.readTable(dir.resolve("approx.eigenvec"));
        double worst = 1;
        for (int c = 0; c < 5; c++) {
            double r = Math.abs(correlation(column(approx, 2 + c), column(plinkVec, 2 + c)));
            worst = Math.min(worst, r);
            assertThat(r).as("approx PC%d", c + 1).isGreaterThanOrEqualTo(0.99);
        }
        System.out.println("PCA approx top-5 min |corr| vs plink2 exact: " + worst);
    }

    /** The randomized mode's eigenvalues against plink2's exact {@code --pca} on real data: within 1 %. */
    @Test
    void approximateEigenvaluesWithinOnePercentOfPlink2Exact() throws Exception {
        double[] approx = java.nio.file.Files.readAllLines(dir.resolve("approx.eigenval")).stream()
                .mapToDouble(Double::parseDouble).toArray();
        double worst = 0;
        for (int c = 0; c < 10; c++) {
            worst = Math.max(worst, Math.abs(approx[c] - plinkVal[c]) / plinkVal[c]);
            assertThat(approx[c]).as("approx PC%d eigenvalue", c + 1).isCloseTo(plinkVal[c],
                    within(0.01 * plinkVal[c]));
        }
        System.out.println("PCA approx eigenvalue max relative diff vs plink2 exact: " + worst);
    }

    static double[] column(Table t, int c) {
        List<String[]> rows = t.rows();
        double[] x = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Double.parseDouble(rows.get(i)[c]);
        }
        return x;
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
