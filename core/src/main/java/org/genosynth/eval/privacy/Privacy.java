package org.genosynth.eval.privacy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.genosynth.assoc.kinship.KingKinship;
import org.genosynth.assoc.kinship.SamplePlanes;
import org.genosynth.eval.AlignedCohorts;
import org.genosynth.eval.Cohorts;
import org.genosynth.eval.Ranks;
import org.genosynth.exec.Backend;
import org.genosynth.exec.Shared;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;

/**
 * Computes {@link PrivacyResult}: all distances and kinships come from one pass of KING-style bit counts over the
 * train, holdout and synthetic genomes side by side (see {@link PairMatrix}); the shared-segment membership attack
 * ({@link SegmentAttack}) reads the same bit planes.
 */
public final class Privacy {
    /** Synthetic genomes closer than this (mean allele difference per variant, in [0, 1]) count as near copies. */
    public static final double NEAR_COPY_DISTANCE = 0.01;
    /** KING-robust kinship of first-degree relatives or closer (KING's lower bound for that degree). */
    public static final double FIRST_DEGREE = 0.177;
    /** Samples per set (at most) in the within-set distance matrices. */
    public static final int WITHIN_CAP = 2000;
    /** Random equal-size subsets AATS is averaged over. */
    public static final int AATS_REPEATS = 10;
    /** KING-robust kinship of duplicates and monozygotic twins (KING's lower bound, 2^-1.5). */
    public static final double DUPLICATE_KINSHIP = 0.354;
    /** Identity-by-state share of duplicates with inbred or haploid-like coding (at most 1% of calls differ). */
    public static final double DUPLICATE_IBS = 0.99;

    private Privacy() {
    }

    /**
     * @param cohorts   aligned cohorts (holdout may be null)
     * @param realIds   every identifier of the real cohort(s) (FID and IID)
     * @param synthetic the synthetic cohort's samples as read (all identifiers are checked)
     * @param seed      seed of the equal-size subsets used by AATS and the membership attack
     */
    public static PrivacyResult compute(AlignedCohorts cohorts, Set<String> realIds, SampleSheet synthetic, long seed,
            Backend backend) {
        return compute(cohorts, realIds, synthetic, seed, false, false, backend);
    }

    /**
     * As {@link #compute(AlignedCohorts, Set, SampleSheet, long, Backend)}; with {@code ibs} (inbred or haploid-like
     * coding) every relatedness value is the identity-by-state share instead of KING-robust kinship; with
     * {@code frequencyFloor} (and a holdout) the membership attack is also run on {@link FrequencyFloor} genomes
     * ({@link PrivacyResult#miaAucFloor()}, else NaN).
     */
    public static PrivacyResult compute(AlignedCohorts cohorts, Set<String> realIds, SampleSheet synthetic, long seed,
            boolean ibs, boolean frequencyFloor, Backend backend) {
        GenotypeMatrix t = cohorts.train();
        GenotypeMatrix s = cohorts.synthetic();
        GenotypeMatrix h = cohorts.holdout();
        List<GenotypeMatrix> parts = new ArrayList<>(List.of(t, s));
        GenotypeMatrix floor = null;
        if (h != null) {
            parts.add(h);
            if (frequencyFloor) {
                floor = FrequencyFloor.draw(t, Math.min(s.sampleCount(), FrequencyFloor.GENOMES), seed + 5);
                parts.add(floor);
            }
        }
        GenotypeMatrix all = pairInput(parts);
        // the planes of every cohort, shipped once for all the pair matrices below
        Shared<KingKinship> king = backend.share(new KingKinship(SamplePlanes.of(all, backend)));
        int nt = t.sampleCount();
        int ns = s.sampleCount();
        int nh = h == null ? 0 : h.sampleCount();
        int[] tIdx = Cohorts.range(0, nt);
        int[] sIdx = Cohorts.range(nt, ns);
        int[] hIdx = Cohorts.range(nt + ns, nh);
        int[] floorIdx = floor == null ? new int[0] : Cohorts.range(nt + ns + nh, floor.sampleCount());

        PairMatrix st = PairMatrix.compute(king, sIdx, tIdx, false, ibs, backend);
        double[] dcrSyn = st.rowMinDistance(null, null);
        double[] maxKin = st.rowMaxKinship();
        int exact = 0;
        int near = 0;
        for (double d : dcrSyn) {
            exact += d == 0 ? 1 : 0;
            near += d <= NEAR_COPY_DISTANCE ? 1 : 0;
        }

        // within-set nearest neighbours on at most WITHIN_CAP samples per set
        int[] tPool = Cohorts.subset(nt, WITHIN_CAP, seed);
        int[] sPool = Cohorts.subset(ns, WITHIN_CAP, seed + 1);
        PairMatrix tt = PairMatrix.compute(king, Cohorts.pick(tIdx, tPool), Cohorts.pick(tIdx, tPool), true, ibs,
                backend);
        PairMatrix ss = PairMatrix.compute(king, Cohorts.pick(sIdx, sPool), Cohorts.pick(sIdx, sPool), true, ibs,
                backend);
        PairMatrix ht = null;
        PairMatrix hs = null;
        PairMatrix hh = null;
        int[] hPool = new int[0];
        if (h != null) {
            ht = PairMatrix.compute(king, hIdx, tIdx, false, ibs, backend);
            hs = PairMatrix.compute(king, hIdx, sIdx, false, ibs, backend);
            hPool = Cohorts.subset(nh, WITHIN_CAP, seed + 2);
            hh = PairMatrix.compute(king, Cohorts.pick(hIdx, hPool), Cohorts.pick(hIdx, hPool), true, ibs,
                    backend);
        }
        // AATS on equal-size random subsets (nearest-neighbour distances depend on set size), averaged over repeats;
        // each accuracy uses the largest equal size its two sets allow
        int n = Math.min(tPool.length, sPool.length);
        int nTest = h == null ? 0 : Math.min(hPool.length, sPool.length);
        double aatsTrain = 0;
        double aatsTest = 0;
        double[] lossDraws = new double[h == null ? 0 : AATS_REPEATS];
        for (int rep = 0; rep < AATS_REPEATS; rep++) {
            long rs = seed + 1000L * (rep + 1);
            int[] tSub = Cohorts.subset(tPool.length, n, rs);
            int[] sSub = Cohorts.subset(sPool.length, n, rs + 1);
            int[] tRows = Cohorts.pick(tPool, tSub);
            int[] sRows = Cohorts.pick(sPool, sSub);
            // train target: d(T_i, S') vs d(T_i, T' without i); synthetic: d(S_j, T') vs d(S_j, S' without j)
            double aaTrain = adversarialAccuracy(st.colMinDistance(tRows, sRows), tt.rowMinDistance(tSub, tSub),
                    st.rowMinDistance(sRows, tRows), ss.rowMinDistance(sSub, sSub));
            aatsTrain += aaTrain;
            if (h != null) {
                int[] hSub = Cohorts.subset(hPool.length, nTest, rs + 2);
                int[] hRows = Cohorts.pick(hPool, hSub);
                int[] sSubTest = Cohorts.subset(sPool.length, nTest, rs + 3);
                int[] sRowsTest = Cohorts.pick(sPool, sSubTest);
                double aaTest = adversarialAccuracy(hs.rowMinDistance(hRows, sRowsTest),
                        hh.rowMinDistance(hSub, hSub), hs.colMinDistance(sRowsTest, hRows),
                        ss.rowMinDistance(sSubTest, sSubTest));
                aatsTest += aaTest;
                lossDraws[rep] = aaTest - aaTrain;
            }
        }
        aatsTrain /= AATS_REPEATS;
        aatsTest = h == null ? Double.NaN : aatsTest / AATS_REPEATS;
        // where AATS falls short of its pass line, the same accuracy of the frequency-only genomes: on a small cohort
        // the frequencies alone sit on the training genomes (measured only then: a second within-set matrix)
        // where the AATS privacy loss is above its lowest pass line, the same loss of the frequency-only genomes: over
        // many variants the training frequencies alone sit closer to the training genomes than to unseen ones
        // (Homer et al. 2008), and the loss measures that too
        boolean lossFloor = h != null && aatsTest - aatsTrain > PrivacySection.AATS_LOSS_PASS;
        double[] floorAats = floor == null || !(aatsTrain < PrivacySection.AATS_PASS || lossFloor)
                ? new double[] {Double.NaN, Double.NaN}
                : floorAats(king, tIdx, tPool, tt, lossFloor ? hIdx : null, hPool, hh, floorIdx, ibs, seed, backend);
        double aatsFloor = aatsTrain < PrivacySection.AATS_PASS ? floorAats[0] : Double.NaN;
        double aatsLossFloor = lossFloor ? floorAats[1] : Double.NaN;

        double[] dcrHold = new double[0];
        double[] maxKinHold = new double[0];
        double share = Double.NaN;
        double auc = Double.NaN;
        double floorAuc = Double.NaN;
        double floorShare = Double.NaN;
        int miaMembers = 0;
        SegmentAttack.Result segment = null;
        SegmentAttack.Result floorSegment = null;
        if (h != null) {
            dcrHold = ht.rowMinDistance(null, null);
            maxKinHold = ht.rowMaxKinship();
            share = Ranks.probabilityLess(dcrSyn, dcrHold);
            int[][] attacked = attacked(nt, nh, seed);
            int[] members = attacked[0];
            int[] nonMembers = attacked[1];
            miaMembers = members.length;
            auc = miaAuc(st, hs, members, nonMembers);
            segment = SegmentAttack.compute(king, all.variants(), Cohorts.pick(tIdx, members),
                    Cohorts.pick(hIdx, nonMembers), Cohorts.pick(sIdx, sPool), backend);
            // where it finds the synthetic genomes' runs longer with members, the same attack on the frequency-only
            // genomes (below): on a small cohort they share longer runs with members too (their rare alleles are the
            // members')
            if (floor != null && (segment.aucIdentical() > PrivacySection.FLOOR_PASS
                    || segment.aucHalfIdentical() > PrivacySection.FLOOR_PASS)) {
                floorSegment = SegmentAttack.compute(king, all.variants(), Cohorts.pick(tIdx, members),
                        Cohorts.pick(hIdx, nonMembers), floorIdx, backend);
            }
            // the frequency-only genomes' distance to their closest training genome against the holdout's: the DCR
            // share's floor
            floorShare = floor == null ? Double.NaN : Ranks.probabilityLess(
                    PairMatrix.compute(king, floorIdx, tIdx, false, ibs, backend).rowMinDistance(null, null), dcrHold);
            // the same attack on genomes drawn from the training frequencies alone: the floor a small cohort sets
            floorAuc = floor == null ? Double.NaN : Ranks.probabilityLess(
                    PairMatrix.compute(king, Cohorts.pick(tIdx, members), floorIdx, false, ibs, backend)
                            .rowMinDistance(null, null),
                    PairMatrix.compute(king, Cohorts.pick(hIdx, nonMembers), floorIdx, false, ibs, backend)
                            .rowMinDistance(null, null));
        }
        double dupAt = ibs ? DUPLICATE_IBS : DUPLICATE_KINSHIP;
        // KING-robust kinship alone is noisy on few variants or chromosomes (full sibs of a colony reach 0.45 on three
        // mouse chromosomes): a duplicate or twin also has nearly identical genotypes (the IBS share says so itself)
        double dupDistance = ibs ? Double.POSITIVE_INFINITY : NEAR_COPY_DISTANCE;
        List<PrivacyResult.RelatedPair> pairs = new ArrayList<>();
        SampleSheet ts = t.samples();
        int inTrain = relatedPairs(tt, tPool, ts, tPool, ts, "train", "train", true, dupAt, dupDistance, pairs, null);
        int inHold = 0;
        int across = 0;
        boolean[] holdoutOfTrain = new boolean[nh];
        if (h != null) {
            SampleSheet hsheet = h.samples();
            inHold = relatedPairs(hh, hPool, hsheet, hPool, hsheet, "holdout", "holdout", true, dupAt, dupDistance,
                    pairs, null);
            across = relatedPairs(ht, Cohorts.range(0, nh), hsheet, Cohorts.range(0, nt), ts, "holdout", "train",
                    false, dupAt, dupDistance, pairs, holdoutOfTrain);
        }
        pairs.sort(java.util.Comparator.comparingDouble(PrivacyResult.RelatedPair::value).reversed());
        PrivacyResult.Duplicates dups = new PrivacyResult.Duplicates(inTrain, inHold, across, tPool.length,
                hPool.length, dupAt, List.copyOf(pairs.subList(0, Math.min(PrivacyResult.Duplicates.LIST,
                        pairs.size()))), holdoutOfTrain);
        king.release();
        return new PrivacyResult(dcrSyn, dcrHold, share, exact, near, maxKin, maxKinHold, aatsTrain, aatsTest, n,
                auc, tt.kinshipValues(true), ss.kinshipValues(true), leakedIds(realIds, synthetic), ibs, lossDraws,
                nTest, dups, floorAuc, miaMembers, segment == null ? Double.NaN : segment.aucIdentical(),
                segment == null ? Double.NaN : segment.aucHalfIdentical(), segment, floorShare, aatsFloor,
                floorSegment == null ? Double.NaN : floorSegment.aucIdentical(),
                floorSegment == null ? Double.NaN : floorSegment.aucHalfIdentical(), aatsLossFloor);
    }

    /**
     * What {@code synth --method auto}'s inner splits judge a candidate by: the DCR share, the membership AUC and the
     * shared-segment AUCs of {@code cohorts} (a holdout required), computed as {@link #compute} computes them (the same
     * subsets and seeds: the same values), without AATS, relatedness and floors, which need three more pair matrices.
     * {@code dcrHold}: each holdout genome's distance to its closest training genome, which depends on the training
     * set and the holdout only (null: computed here, and returned for the next cohort judged against the same two).
     */
    public static Membership membership(AlignedCohorts cohorts, double[] dcrHold, long seed, Backend backend) {
        GenotypeMatrix t = cohorts.train();
        GenotypeMatrix s = cohorts.synthetic();
        GenotypeMatrix h = cohorts.holdout();
        GenotypeMatrix all = pairInput(List.of(t, s, h));
        Shared<KingKinship> king = backend.share(new KingKinship(SamplePlanes.of(all, backend)));
        int nt = t.sampleCount();
        int ns = s.sampleCount();
        int nh = h.sampleCount();
        int[] tIdx = Cohorts.range(0, nt);
        int[] sIdx = Cohorts.range(nt, ns);
        int[] hIdx = Cohorts.range(nt + ns, nh);
        PairMatrix st = PairMatrix.compute(king, sIdx, tIdx, false, false, backend);
        double[] hold = dcrHold != null ? dcrHold
                : PairMatrix.compute(king, hIdx, tIdx, false, false, backend).rowMinDistance(null, null);
        PairMatrix hs = PairMatrix.compute(king, hIdx, sIdx, false, false, backend);
        int[][] attacked = attacked(nt, nh, seed);
        int[] members = attacked[0];
        int[] nonMembers = attacked[1];
        double auc = miaAuc(st, hs, members, nonMembers);
        int[] sPool = Cohorts.subset(ns, WITHIN_CAP, seed + 1);
        SegmentAttack.Result segment = SegmentAttack.compute(king, all.variants(), Cohorts.pick(tIdx, members),
                Cohorts.pick(hIdx, nonMembers), Cohorts.pick(sIdx, sPool), backend);
        king.release();
        double share = Ranks.probabilityLess(st.rowMinDistance(null, null), hold);
        return new Membership(share, auc, members.length, segment.aucIdentical(), segment.aucHalfIdentical(), hold);
    }

    /**
     * {@link #membership}'s values: the DCR share, the membership AUC over {@code members} members and as many
     * non-members, the shared-segment AUCs, and the holdout's distances to its closest training genome.
     */
    public record Membership(double dcrShareCloser, double miaAuc, int members, double segmentAucIdentical,
            double segmentAucHalfIdentical, double[] dcrHold) {
        /** The larger of the two shared-segment AUCs, as {@link PrivacyResult#segmentAuc}. */
        public double segmentAuc() {
            return PrivacyResult.larger(segmentAucIdentical, segmentAucHalfIdentical);
        }
    }

    /**
     * The cohorts side by side, on the autosomes, as plink2 computes KING (X of a hemizygous male is coded
     * homozygous); every variant when none is autosomal: what the pair matrices and the runs are computed on.
     */
    private static GenotypeMatrix pairInput(List<GenotypeMatrix> parts) {
        GenotypeMatrix concat = Cohorts.concat(parts);
        GenotypeMatrix autosomes = org.genosynth.assoc.kinship.StructureInput.autosomes(concat);
        return autosomes.variantCount() > 0 ? autosomes : concat;
    }

    /**
     * The membership attack's members (of {@code nt} training genomes) and non-members (of {@code nh} holdout
     * genomes): equal numbers, seeded subsets.
     */
    private static int[][] attacked(int nt, int nh, long seed) {
        int m = Math.min(nt, nh);
        return new int[][] {Cohorts.subset(nt, m, seed + 3), Cohorts.subset(nh, m, seed + 4)};
    }

    /**
     * Membership AUC: {@code members} (columns of {@code st}) and {@code nonMembers} (rows of {@code hs}) scored by
     * their distance to the closest synthetic genome.
     */
    private static double miaAuc(PairMatrix st, PairMatrix hs, int[] members, int[] nonMembers) {
        return Ranks.probabilityLess(st.colMinDistance(members, null), hs.rowMinDistance(nonMembers, null));
    }

    /**
     * The frequency-only genomes ({@code floorIdx}) in place of the synthetic ones, on the same equal-size subsets as
     * the synthetic genomes' ({@link #AATS_REPEATS} of them): their AATS against the training pool and, with the
     * holdout ({@code hIdx} not null), their AATS privacy loss (NaN without).
     */
    private static double[] floorAats(Shared<KingKinship> king, int[] tIdx, int[] tPool, PairMatrix tt, int[] hIdx,
            int[] hPool, PairMatrix hh, int[] floorIdx, boolean ibs, long seed, Backend backend) {
        PairMatrix ft = PairMatrix.compute(king, floorIdx, Cohorts.pick(tIdx, tPool), false, ibs, backend);
        PairMatrix ff = PairMatrix.compute(king, floorIdx, floorIdx, true, ibs, backend);
        PairMatrix fh = hIdx == null ? null
                : PairMatrix.compute(king, floorIdx, Cohorts.pick(hIdx, hPool), false, ibs, backend);
        int n = Math.min(tPool.length, floorIdx.length);
        int nTest = Math.min(hPool.length, floorIdx.length);
        double train = 0;
        double loss = 0;
        for (int rep = 0; rep < AATS_REPEATS; rep++) {
            long rs = seed + 1000L * (rep + 1);
            int[] tSub = Cohorts.subset(tPool.length, n, rs);
            int[] fSub = Cohorts.subset(floorIdx.length, n, rs + 1);
            double aaTrain = adversarialAccuracy(ft.colMinDistance(tSub, fSub), tt.rowMinDistance(tSub, tSub),
                    ft.rowMinDistance(fSub, tSub), ff.rowMinDistance(fSub, fSub));
            train += aaTrain;
            if (fh != null) {
                int[] hSub = Cohorts.subset(hPool.length, nTest, rs + 2);
                int[] fSubTest = Cohorts.subset(floorIdx.length, nTest, rs + 3);
                loss += adversarialAccuracy(fh.colMinDistance(hSub, fSubTest), hh.rowMinDistance(hSub, hSub),
                        fh.rowMinDistance(fSubTest, hSub), ff.rowMinDistance(fSubTest, fSubTest)) - aaTrain;
            }
        }
        return new double[] {train / AATS_REPEATS, fh == null ? Double.NaN : loss / AATS_REPEATS};
    }

    /**
     * Counts the pairs of {@code m} at relatedness >= {@code at} and genotype distance <= {@code maxDistance} (upper
     * triangle only when {@code within}) and adds them to {@code out}, keeping {@code out} to the closest
     * {@link PrivacyResult.Duplicates#LIST} pairs; marks their rows in {@code rowHasPair} (when not null). Row
     * {@code r} of {@code m} is sample {@code rowIdx[r]} of {@code rowSheet}, column {@code c} sample
     * {@code colIdx[c]} of {@code colSheet}.
     */
    static int relatedPairs(PairMatrix m, int[] rowIdx, SampleSheet rowSheet, int[] colIdx, SampleSheet colSheet,
            String rowCohort, String colCohort, boolean within, double at, double maxDistance,
            List<PrivacyResult.RelatedPair> out, boolean[] rowHasPair) {
        int count = 0;
        for (int r = 0; r < m.rows(); r++) {
            for (int c = within ? r + 1 : 0; c < m.cols(); c++) {
                double k = m.kinship(r, c);
                if (k >= at && m.distance(r, c) <= maxDistance) {
                    count++;
                    if (rowHasPair != null) {
                        rowHasPair[r] = true;
                    }
                    Sample a = rowSheet.samples().get(rowIdx[r]);
                    Sample b = colSheet.samples().get(colIdx[c]);
                    out.add(new PrivacyResult.RelatedPair(rowCohort, a.familyId(), a.id(), colCohort, b.familyId(),
                            b.id(), k));
                    if (out.size() > 4 * PrivacyResult.Duplicates.LIST) {
                        out.sort(java.util.Comparator.comparingDouble(PrivacyResult.RelatedPair::value).reversed());
                        out.subList(PrivacyResult.Duplicates.LIST, out.size()).clear();
                    }
                }
            }
        }
        return count;
    }

    /**
     * AA = (mean 1[d_TS > d_TT] + mean 1[d_ST > d_SS]) / 2 (Yale et al. 2020): 0.5 when an adversary cannot tell which
     * set a record's nearest neighbour comes from; near 0 when synthetic records sit on top of real ones.
     */
    static double adversarialAccuracy(double[] targetToSynthetic, double[] targetToTarget, double[] syntheticToTarget,
            double[] syntheticToSynthetic) {
        return 0.5 * (fractionGreater(targetToSynthetic, targetToTarget)
                + fractionGreater(syntheticToTarget, syntheticToSynthetic));
    }

    private static double fractionGreater(double[] a, double[] b) {
        int c = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                continue;
            }
            c += a[i] > b[i] ? 1 : 0;
            n++;
        }
        return n == 0 ? Double.NaN : (double) c / n;
    }

    /** Real identifiers (family, individual, parent IDs) that appear among the synthetic samples' identifiers. */
    static List<String> leakedIds(Set<String> realIds, SampleSheet synthetic) {
        Set<String> found = new LinkedHashSet<>();
        for (Sample x : synthetic.samples()) {
            for (String id : new String[] {x.familyId(), x.id(), x.fatherId(), x.motherId()}) {
                if (id != null && !id.equals(Sample.UNKNOWN_ID) && realIds.contains(id)) {
                    found.add(id);
                }
            }
        }
        return List.copyOf(found);
    }

    /**
     * Real identifiers found in the FID/IID columns of a synthetic phenotype or covariate table in PLINK style (header
     * {@code FID IID ...} or {@code #FID IID ...}); GEMMA-style tables hold no identifiers.
     */
    public static List<String> leakedIdsInTable(Set<String> realIds, java.nio.file.Path table) {
        Set<String> found = new LinkedHashSet<>();
        try (java.io.BufferedReader r = org.genosynth.io.TextInput.openReader(table)) {
            String header = r.readLine();
            if (header == null || !header.strip().matches("(?i)#?FID\\s+IID\\b.*")) {
                return List.of();
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.strip().split("\\s+", 3);
                for (int i = 0; i < Math.min(2, f.length); i++) {
                    if (realIds.contains(f[i])) {
                        found.add(f[i]);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw org.genosynth.io.TextInput.readFailure(table, e);
        }
        return List.copyOf(found);
    }

    /** Every identifier of the samples (FID, IID, parents), without the unknown-ID mark. */
    public static Set<String> identifiers(SampleSheet... sheets) {
        Set<String> ids = new java.util.HashSet<>();
        for (SampleSheet sheet : sheets) {
            if (sheet == null) {
                continue;
            }
            for (Sample x : sheet.samples()) {
                for (String id : new String[] {x.familyId(), x.id(), x.fatherId(), x.motherId()}) {
                    if (id != null && !id.equals(Sample.UNKNOWN_ID)) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }
}
