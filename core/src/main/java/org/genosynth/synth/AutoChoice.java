package org.genosynth.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genosynth.exec.Backend;
import org.genosynth.model.GenotypeMatrix;

/**
 * {@code --method auto}: the generator chosen by measurement on the user's data. On an {@link InnerSplit} of the
 * training cohort, candidates are tried in order of the structure they keep, and the first whose mosaics of the inner
 * fitting set are private against the inner holdout is used:
 * <ol>
 * <li>the mosaic with ancestry-local pools at its LD-fitted segment length ({@link LdCalibration});</li>
 * <li>the mosaic with every member of the population a donor ({@code --donor-pool population}), at the longest
 *     length of {@link #POPULATION_GRID} no longer than the fitted one;</li>
 * <li>else the haplotype-cluster HMM, private by construction.</li>
 * </ol>
 */
final class AutoChoice {
    /** The mosaic is chosen when its measured DCR share is at most this ... */
    static final double DCR_BOUND = 0.55;
    /**
     * ... and its measured membership AUC at most this plus 2 SE: evaluate's fail line. The inner fitting set is half
     * the size of the input, and in a related cohort a smaller set raises the AUC (fewer relatives of each unseen
     * genome among the donors): on the mouse demo the inner AUC was 0.59-0.61 where the run's own was 0.53-0.55.
     */
    static final double MIA_BOUND = 0.6;
    /**
     * Population pools are tried only where the local mosaic has leaked, so the cohort is not one whose every member
     * has relatives in it: the inner AUC is then not pessimistic (on human_1kg_chr20 it was within 0.015 of
     * evaluate's at 0.1-0.5 cM), and evaluate's pass line applies to it as measured. Noise in it makes the ladder go
     * to a shorter length, never past a length measured private.
     */
    static final double POPULATION_MIA_BOUND = 0.55;
    /**
     * Inner splits over which a population-pool candidate's privacy is averaged. One split's AUC has a chance SE of
     * 0.04 on a 352-genome training set; averaged over 4, the 8-chromosome chimeras' inner AUC at 0.5 cM was 0.578
     * where evaluate's, against the real holdout, was 0.581 (one split: 0.546).
     */
    static final int REPLICATES = 4;
    private static final long REPLICATE = 0x1DCA5L;
    /** Mean segment lengths tried for population pools, longest first, cM. */
    static final double[] POPULATION_GRID = {1, 0.5, 0.2, 0.1, 0.05, 0.02};

    /** One measured candidate. */
    record Candidate(String generator, double segmentCm, InnerSplit.Measured privacy, boolean population) {
        boolean isPrivate() {
            return population ? privacy.dcrShareCloser() <= DCR_BOUND && privacy.miaAuc() <= POPULATION_MIA_BOUND
                    : privacy.privateAt(DCR_BOUND, MIA_BOUND);
        }
    }

    /** The choice: the method, the mosaic's donor pools and segment length, and what was measured. */
    record Choice(SynthRequest.Method method, SynthRequest.DonorPool donorPool, double segmentCm,
                  LdCalibration.Outcome calibration, List<Candidate> measured) {
    }

    private AutoChoice() {
    }

    /**
     * Chooses for {@code train}. {@code segmentCm} is the user's {@code --segment-cm} (NaN: fitted); {@code coords}
     * every training sample's {@link LocalPools#coordinates}.
     */
    static Choice choose(GenotypeMatrix train, GeneticMap map, double noise, SynthRequest.Mosaic mosaic,
            double[][] coords, long seed, Backend backend) {
        InnerSplit split = new InnerSplit(train, map, noise, mosaic.maxSegmentCm(), mosaic.minDonors(), coords, seed,
                backend);
        boolean given = !Double.isNaN(mosaic.segmentCm());
        double[] grid = given ? new double[] {mosaic.segmentCm()} : LdCalibration.GRID;
        LdCalibration.Outcome calibration = LdCalibration.fit(split, grid, true, backend);
        List<Candidate> measured = new ArrayList<>();
        Candidate local = new Candidate("mosaic, local pools", calibration.segmentCm(), calibration.privacy(), false);
        measured.add(local);
        if (local.isPrivate()) {
            return new Choice(SynthRequest.Method.MOSAIC, SynthRequest.DonorPool.LOCAL, local.segmentCm(), calibration,
                    measured);
        }
        double[] lengths = given ? new double[] {mosaic.segmentCm()} : POPULATION_GRID;
        List<InnerSplit> splits = new ArrayList<>(List.of(split));
        for (int r = 1; r < REPLICATES; r++) {
            splits.add(new InnerSplit(train, map, noise, mosaic.maxSegmentCm(), mosaic.minDonors(), null,
                    RowBuilder.mix(seed, REPLICATE, r), backend));
        }
        Candidate chosen = null;
        for (double length : lengths) {
            if (length > calibration.segmentCm()) {
                continue;
            }
            Candidate c = new Candidate("mosaic, population pools", length, populationPrivacy(splits, length), true);
            measured.add(c);
            if (c.isPrivate()) {
                chosen = c;
                break;
            }
        }
        if (chosen != null) {
            return new Choice(SynthRequest.Method.MOSAIC, SynthRequest.DonorPool.POPULATION, chosen.segmentCm(),
                    calibration, measured);
        }
        return new Choice(SynthRequest.Method.HMM, null, Double.NaN, calibration, measured);
    }

    /**
     * The mean inner privacy of population-pool mosaics of {@code length} over the replicate splits; the chance SE of
     * the mean AUC is taken as one split's over the square root of their number (the splits share people, so it is
     * somewhat larger).
     */
    private static InnerSplit.Measured populationPrivacy(List<InnerSplit> splits, double length) {
        double mia = 0;
        double dcr = 0;
        double se = 0;
        for (InnerSplit split : splits) {
            InnerSplit.Measured m = split.privacy(split.populationMosaics(length));
            mia += m.miaAuc();
            dcr += m.dcrShareCloser();
            se = m.miaNullSe();
        }
        return new InnerSplit.Measured(mia / splits.size(), dcr / splits.size(), se / Math.sqrt(splits.size()));
    }

    /** The manifest's {@code method_choice}. */
    static Map<String, Object> describe(Choice choice) {
        List<Object> rows = new ArrayList<>();
        for (Candidate c : choice.measured()) {
            rows.add(SynthManifest.ordered("generator", c.generator(), "segment_cm", c.segmentCm(), "mia_auc",
                    c.privacy().miaAuc(), "mia_auc_chance_se", c.privacy().miaNullSe(), "dcr_share_closer",
                    c.privacy().dcrShareCloser(), "private", c.isPrivate()));
        }
        String chosen = choice.method() == SynthRequest.Method.HMM ? "hmm"
                : choice.donorPool() == SynthRequest.DonorPool.POPULATION ? "mosaic, population pools"
                : "mosaic, local pools";
        return SynthManifest.ordered("requested", "auto", "rule", "the first private candidate, in order: the mosaic "
                + "with local pools at its LD-fitted length, the mosaic with population pools at the longest length "
                + "that is private, the hmm. Private: its mosaics of an inner 70 % of the input are no closer to it "
                + "than the other 30 % (DCR share <= " + DCR_BOUND + "; membership AUC <= " + MIA_BOUND
                + " + 2 SE of a chance AUC with local pools; <= " + POPULATION_MIA_BOUND + " with population pools, the mean"
                + " over " + REPLICATES + " inner splits)", "candidates", rows, "chosen", chosen);
    }
}
