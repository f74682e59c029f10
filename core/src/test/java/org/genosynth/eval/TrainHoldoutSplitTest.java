package org.genosynth.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.InputException;
import org.genosynth.io.SharedData;
import org.genosynth.io.table.PhenotypeReader;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 70/30 split of the real mouse cohort: sizes, disjointness, genotypes kept, reproducibility, phenotypes. */
class TrainHoldoutSplitTest {
    @TempDir
    Path dir;

    private TrainHoldoutSplit.Result split(String name, long seed, Path pheno) {
        return TrainHoldoutSplit.run(new TrainHoldoutSplit.Request(SharedData.mouse(".bed.gz"), null, 0.7, seed,
                dir.resolve(name).toString(), pheno));
    }

    @Test
    void splitsTheMouseCohortSeventyThirtyKeepingGenotypes() {
        TrainHoldoutSplit.Result r = split("a", 7, null);
        assertThat(r.trainCount()).isEqualTo(1358);
        assertThat(r.holdoutCount()).isEqualTo(582);
        GenotypeMatrix all = GenotypeLoader.load(SharedData.mouse(".bed.gz"), null, null);
        GenotypeMatrix train = GenotypeLoader.load(dir.resolve("a.train"), null, null);
        GenotypeMatrix holdout = GenotypeLoader.load(dir.resolve("a.holdout"), null, null);
        assertThat(train.variantCount()).isEqualTo(all.variantCount());
        Set<String> trainIds = ids(train.samples().samples());
        Set<String> holdoutIds = ids(holdout.samples().samples());
        assertThat(trainIds).hasSize(1358).doesNotContainAnyElementsOf(holdoutIds);
        Set<String> union = new HashSet<>(trainIds);
        union.addAll(holdoutIds);
        assertThat(union).isEqualTo(ids(all.samples().samples()));
        // every training sample keeps its genotypes at every variant (checked on every 97th variant)
        List<Sample> everyone = all.samples().samples();
        for (int j = 0; j < train.sampleCount(); j++) {
            int i = everyone.indexOf(train.samples().samples().get(j));
            for (int v = 0; v < all.variantCount(); v += 97) {
                assertThat(GenotypeCodes.get(train.words(), train.offset(v), j))
                        .isEqualTo(GenotypeCodes.get(all.words(), all.offset(v), i));
            }
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherSplit() throws IOException {
        split("a", 7, null);
        split("b", 7, null);
        split("c", 8, null);
        assertThat(Files.readAllBytes(dir.resolve("b.train.bed"))).isEqualTo(Files.readAllBytes(dir.resolve(
                "a.train.bed")));
        assertThat(Files.readAllLines(dir.resolve("b.holdout.ids"))).isEqualTo(Files.readAllLines(dir.resolve(
                "a.holdout.ids")));
        assertThat(Files.readAllLines(dir.resolve("c.holdout.ids"))).isNotEqualTo(Files.readAllLines(dir.resolve(
                "a.holdout.ids")));
    }

    @Test
    void phenotypesFollowTheirSamples() {
        Path pheno = SharedData.mouse(".pheno.txt.gz");
        split("p", 3, pheno);
        GenotypeMatrix all = GenotypeLoader.load(SharedData.mouse(".bed.gz"), null, null);
        PhenotypeTable original = PhenotypeReader.read(pheno, all.samples().samples());
        GenotypeMatrix holdout = GenotypeLoader.load(dir.resolve("p.holdout"), null, null);
        PhenotypeTable split = PhenotypeReader.read(dir.resolve("p.holdout.pheno.tsv"), holdout.samples().samples());
        List<Sample> everyone = all.samples().samples();
        for (int j = 0; j < holdout.sampleCount(); j++) {
            int i = everyone.indexOf(holdout.samples().samples().get(j));
            for (int c = 0; c < original.columnCount(); c++) {
                assertThat(Double.compare(split.column(c)[j], original.column(c)[i])).isZero();
            }
        }
    }

    @Test
    void fractionMustLeaveBothSetsNonEmpty() {
        assertThatThrownBy(() -> TrainHoldoutSplit.run(new TrainHoldoutSplit.Request(SharedData.mouse(".bed.gz"),
                null, 1.0, 1, dir.resolve("x").toString(), null))).isInstanceOf(InputException.class)
                .hasMessageContaining("--fraction");
        assertThat(TrainHoldoutSplit.assign(10, 0.7, 5)).containsExactly(TrainHoldoutSplit.assign(10, 0.7, 5));
    }

    /** An unsorted VCF is refused naming the input file and the variant out of order; nothing is written. */
    @Test
    void unsortedVcfIsRefusedNamingTheInputFile() throws IOException {
        Path vcf = dir.resolve("cohort.vcf");
        StringBuilder sb = new StringBuilder("##fileformat=VCFv4.2\n##contig=<ID=20>\n"
                + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
                + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ts1\ts2\ts3\ts4\n");
        for (String[] r : new String[][] {{"1000", "rsA"}, {"3000", "rsB"}, {"2000", "rsC"}}) {
            sb.append("20\t").append(r[0]).append('\t').append(r[1]).append("\tA\tG\t.\t.\t.\tGT\t0/1\t1/1\t0/0\t0/1\n");
        }
        Files.writeString(vcf, sb);
        assertThatThrownBy(() -> TrainHoldoutSplit.run(new TrainHoldoutSplit.Request(vcf, null, 0.5, 1,
                dir.resolve("u").toString(), null))).isInstanceOf(InputException.class)
                .hasMessageContaining(vcf.toString())
                .hasMessageContaining("20:2000 (rsC) comes after 20:3000")
                .hasMessageContaining("bcftools sort");
        assertThat(dir.resolve("u.train.vcf.gz")).doesNotExist();
    }

    private static Set<String> ids(List<Sample> samples) {
        Set<String> s = new HashSet<>();
        samples.forEach(x -> s.add(x.familyId() + " " + x.id()));
        return s;
    }
}
