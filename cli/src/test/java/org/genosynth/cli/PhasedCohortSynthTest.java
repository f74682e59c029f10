package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth synth} with default settings on a phased cohort of unrelated people: the 300 phased 1000 Genomes
 * people of human_1kg_chr20 (their genetic map in INFO/CM, kept through {@code split}), a trait simulated with h2 0.6
 * and 3 causal SNPs, a 70/30 split (seed 1), then {@code genosynth evaluate} with the holdout and the LMM GWAS. {@code auto} measures haplotype mosaics there, as it will draw them,
 * and they are private at much longer segments than genotype mosaics (docs/synth.md: 1 cM here, LD kept).
 */
class PhasedCohortSynthTest {
    private static final Path PHASED = Path.of("../../shared/data/human_1kg_chr20/phased300.vcf.gz");

    @TempDir
    static Path dir;
    static EvaluationMetrics metrics;
    static Map<String, Object> manifest;

    @BeforeAll
    static void splitSynthesizeEvaluate() throws IOException {
        ok(CliRun.of("pheno", "simulate", "--input", PHASED.toString(), "--h2", "0.6", "--causal", "3",
                "--causal-maf", "0.05", "--seed", "1", "--out", dir.resolve("sim").toString()));
        ok(CliRun.of("split", "--input", PHASED.toString(), "--pheno", dir.resolve("sim.pheno.tsv").toString(),
                "--seed", "1", "--out", dir.resolve("sp").toString()));
        ok(CliRun.of("synth", "--input", dir.resolve("sp.train.vcf.gz").toString(), "--pheno",
                dir.resolve("sp.train.pheno.tsv").toString(), "--pheno-col", "1", "--seed", "1", "--out",
                dir.resolve("syn").toString()));
        ok(CliRun.of("evaluate", "--real", dir.resolve("sp.train.vcf.gz").toString(), "--synthetic",
                dir.resolve("syn.bed").toString(), "--holdout", dir.resolve("sp.holdout.vcf.gz").toString(),
                "--pheno", dir.resolve("sp.train.pheno.tsv").toString(), "--synthetic-pheno",
                dir.resolve("syn.pheno.tsv").toString(), "--holdout-pheno",
                dir.resolve("sp.holdout.pheno.tsv").toString(), "--pheno-col", "1", "--model", "lmm", "--out",
                dir.resolve("eval").toString()));
        manifest = new org.yaml.snakeyaml.Yaml().load(Files.readString(dir.resolve("syn.manifest.json")));
        metrics = EvaluationMetrics.read(dir.resolve("eval"));
    }

    private static void ok(CliRun r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @SuppressWarnings("unchecked")
    @Test
    void theDefaultsDrawHaplotypeMosaicsOfThePopulationAtAMeasuredLength() {
        Map<String, Object> choice = (Map<String, Object>) manifest.get("method_choice");
        assertThat(choice).containsEntry("chosen", "mosaic, population pools");
        Map<String, Object> mosaic = (Map<String, Object>) manifest.get("mosaic");
        assertThat((String) mosaic.get("level")).startsWith("haplotype");
        // the split kept the map: segments are in cM of the 6.6 cM region, not bp x --cm-per-mb
        assertThat((String) mosaic.get("map")).contains("genetic map of the input");
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) choice.get("candidates");
        Map<String, Object> chosen = candidates.get(candidates.size() - 1);
        assertThat(chosen).containsEntry("private", true);
        // measured 0.1 cM: the longer lengths are private under the whole-genome attacks from 1 cM down, but their
        // inner shared-segment AUC is over the warn line (1 cM: 0.934, 0.5: 0.887, 0.2: 0.693; 0.1: 0.618 against
        // 0.662, the floor's excess added)
        assertThat(((Number) chosen.get("segment_cm")).doubleValue()).isBetween(0.05, 0.2);
        assertThat(((Number) chosen.get("segment_mia_auc")).doubleValue())
                .isLessThanOrEqualTo(((Number) chosen.get("segment_mia_auc_deciding_bound")).doubleValue());
    }

    @Test
    void noOneIsRecognisableAndTheLdAndStructureAreKept() {
        assertThat(metrics.value("exact_copies")).isZero();
        assertThat(metrics.value("dcr_share_closer")).isLessThanOrEqualTo(0.55);
        // chance within two SE on 90 members and 90 non-members (SE 0.043); measured 0.457
        int m = 90;
        assertThat(metrics.value("mia_auc")).isLessThanOrEqualTo(0.5 + 2 * Math.sqrt((2.0 * m + 1) / (12.0 * m * m)));
        assertThat(metrics.verdict("aats_privacy_loss")).isEqualTo("pass");
        assertThat(metrics.verdict("max_kinship_to_train")).isEqualTo("pass");
        // the shared-segment attacks against the real holdout: measured 0.488 / 0.528 (chance SE 0.043 at 90 members)
        assertThat(metrics.value("segment_mia_auc_identical")).isLessThanOrEqualTo(0.6);
        assertThat(metrics.value("segment_mia_auc_half_identical")).isLessThanOrEqualTo(0.6);
        // measured 1.67 (a warn; at 1 cM, chosen before the shared-segment attack decided, 1.15), PCA / het / kinship
        // KS 0.144 / 0.133 / 0.084
        assertThat(metrics.value("ld_score_fold")).isLessThanOrEqualTo(2);
        assertThat(metrics.value("pca_ks_distance")).isLessThanOrEqualTo(0.15);
        assertThat(metrics.value("heterozygosity_ks")).isLessThanOrEqualTo(0.2);
        assertThat(metrics.value("kinship_ks")).isLessThanOrEqualTo(0.15);
    }

    @Test
    void theGwasIsKept() {
        // measured: 16 of 16 real hits at 5e-8, no other; -log10 p r 0.89 (holdout 0.53); PVE 0.729 vs 0.729 (0.84
        // before the signal was scaled to the real PVE)
        assertThat(metrics.value("gwas_snp_recall")).isGreaterThanOrEqualTo(0.8);
        assertThat(metrics.value("gwas_snp_precision")).isGreaterThanOrEqualTo(0.8);
        assertThat(metrics.value("gwas_locus_recall")).isGreaterThanOrEqualTo(0.9);
        assertThat(metrics.value("neglog10p_correlation"))
                .isGreaterThanOrEqualTo(metrics.section("utility", "neglog10p_correlation_holdout"));
        assertThat(metrics.value("pve_difference")).isLessThanOrEqualTo(0.05);
    }
}
