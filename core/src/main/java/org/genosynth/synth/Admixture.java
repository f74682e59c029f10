package org.genosynth.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.io.InputException;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;

/**
 * Admixed synthetic genomes ({@code --admixed}), as HAPNEST and msprime users make them: each haplotype is a sequence
 * of ancestry tracts, as after one pulse of admixture {@code T} generations ago (Pool &amp; Nielsen 2009; Gravel
 * 2012): along the genetic map, ancestry switch events fall as a Poisson process of rate {@code T} per Morgan and each
 * event draws the next tract's ancestry from the group's weights (so tracts of ancestry {@code i} are exponential with
 * mean {@code 100 / (T (1 - w_i))} cM, and a haplotype's ancestry share has mean {@code w_i}). Within a tract the
 * haplotype is, where the other genomes are haplotype mosaics (phased input, the mosaic method), a haplotype mosaic of
 * the tract's source population's real haplotypes ({@link #drawMosaicPair}); otherwise it is drawn from the
 * haplotype-cluster HMM of that population ({@link ClusterModel}), starting afresh at the tract's first variant, and
 * nothing is copied. The tracts are the local-ancestry truth, written as {@code PREFIX.ancestry.tsv}.
 *
 * <p>With {@code alpha}, each genome first draws its own weights from Dirichlet({@code alpha w}) (Gamma draws by inverse
 * distribution function on the genome's stream), so the genomes of a group differ in their ancestry shares as
 * individuals of an admixed population do (GHap's {@code simadmix} offers the same); without it every genome has the
 * group's weights.
 *
 * <p>The admixed groups are populations {@code firstGroup, firstGroup + 1, ...} of the synthetic cohort, after the
 * real ones.
 */
final class Admixture {
    private static final long TRACTS = 0xAD31L;
    private final SynthRequest.Admixed spec;
    private final List<String> sourceNames;
    private final int firstGroup;
    /** Per group, its source populations' indices. */
    private final int[][] sources;
    /** Per group, the cumulative weights of its sources (the last is 1). */
    private final double[][] cumulative;

    private Admixture(SynthRequest.Admixed spec, List<String> sourceNames, int[][] sources, double[][] cumulative) {
        this.spec = spec;
        this.sourceNames = sourceNames;
        this.firstGroup = sourceNames.size();
        this.sources = sources;
        this.cumulative = cumulative;
    }

    /** The groups of {@code spec} over the real populations {@code pops}, their names checked. */
    static Admixture of(SynthRequest.Admixed spec, Populations pops) {
        List<String> names = pops.names();
        int k = spec.groups().size();
        int[][] sources = new int[k][];
        double[][] cumulative = new double[k][];
        for (int g = 0; g < k; g++) {
            SynthRequest.Admixed.Group group = spec.groups().get(g);
            if (names.contains(group.name())) {
                throw InputException.usage("--admixed " + group.name() + ": a real population has that name; "
                        + "give the admixed group another");
            }
            sources[g] = new int[group.sources().size()];
            cumulative[g] = new double[group.sources().size()];
            int i = 0;
            double sum = 0;
            for (Map.Entry<String, Double> e : group.sources().entrySet()) {
                int p = names.indexOf(e.getKey());
                if (p < 0) {
                    throw InputException.usage("--admixed " + group.name() + ": no population '" + e.getKey()
                            + "' (populations: " + String.join(", ", names) + ")");
                }
                sources[g][i] = p;
                sum += e.getValue();
                cumulative[g][i] = sum;
                i++;
            }
            cumulative[g][i - 1] = 1;
        }
        return new Admixture(spec, List.copyOf(names), sources, cumulative);
    }

    /** Population index of the first admixed group (the number of real populations). */
    int firstGroup() {
        return firstGroup;
    }

    /** Genomes per admixed group, in order. */
    int[] counts() {
        return spec.groups().stream().mapToInt(SynthRequest.Admixed.Group::count).toArray();
    }

    /** The groups' names, in order. */
    List<String> names() {
        return spec.groups().stream().map(SynthRequest.Admixed.Group::name).toList();
    }

    /**
     * The two haplotypes of an admixed genome of group {@code group}: tracts drawn on {@code map} (which must be the
     * model's), each haplotype's cluster path within them ({@link ClusterModel#drawAdmixedHaplotype}).
     */
    GenomePath drawPair(ClusterModel model, GeneticMap map, int group, SplittableRandom random) {
        double[] cum = weights(group, random);
        int[][] second = tracts(map, group, cum, random);
        int[][] first = tracts(map, group, cum, random);
        GenomePath b = model.drawAdmixedHaplotype(second[0], second[1], random);
        GenomePath a = model.drawAdmixedHaplotype(first[0], first[1], random);
        return new GenomePath(a.starts(), a.donors(), b);
    }

    /**
     * The two haplotypes of an admixed genome as haplotype mosaics (phased input, the mosaic method): within each
     * tract, segments of the tract's population's real haplotypes ({@code pools[p]}, haplotype rows), switching as
     * {@code sampler} draws them; the second haplotype avoids the first's donor sample where they overlap.
     */
    GenomePath drawMosaicPair(PathSampler sampler, int[][] pools, GeneticMap map, int group, SplittableRandom random) {
        double[] cum = weights(group, random);
        GenomePath first = mosaic(sampler, pools, tracts(map, group, cum, random), random, null);
        GenomePath second = mosaic(sampler, pools, tracts(map, group, cum, random), random, first);
        return new GenomePath(first.starts(), first.donors(), second);
    }

    private static GenomePath mosaic(PathSampler sampler, int[][] pools, int[][] tracts, SplittableRandom random,
            GenomePath avoid) {
        PathSampler.IntList starts = new PathSampler.IntList();
        PathSampler.IntList donors = new PathSampler.IntList();
        int m = sampler.map().variantCount();
        for (int t = 0; t < tracts[0].length; t++) {
            int from = tracts[0][t];
            int to = t + 1 < tracts[0].length ? tracts[0][t + 1] : m;
            sampler.appendTract(pools[tracts[1][t]], from, to, random, avoid, starts, donors);
        }
        return new GenomePath(starts.toArray(), donors.toArray());
    }

    /** The seeded stream of an admixed genome's paths (tracts and clusters), per sample and attempt. */
    static SplittableRandom random(long seed, int sample, int attempt) {
        return new SplittableRandom(RowBuilder.mix(seed, TRACTS, sample, attempt));
    }

    /** A genome's cumulative weights: the group's, or with alpha its own draw ({@link #ownWeights}). */
    private double[] weights(int group, SplittableRandom random) {
        return Double.isNaN(spec.alpha()) ? cumulative[group] : ownWeights(group, random);
    }

    /**
     * A genome's own cumulative weights: Dirichlet({@code alpha w}) as normalised Gamma({@code alpha w_i}) draws, each
     * by its inverse distribution function at a uniform of {@code random} (a weight that underflows to 0 keeps a tiny
     * share, so the cumulative stays increasing).
     */
    private double[] ownWeights(int group, SplittableRandom random) {
        double[] given = spec.groups().get(group).sources().values().stream().mapToDouble(Double::doubleValue)
                .toArray();
        double[] draw = new double[given.length];
        double sum = 0;
        for (int i = 0; i < given.length; i++) {
            double u = Math.max(Double.MIN_NORMAL, random.nextDouble());
            draw[i] = Math.max(1e-12, new org.hipparchus.distribution.continuous.GammaDistribution(
                    spec.alpha() * given[i], 1).inverseCumulativeProbability(u));
            sum += draw[i];
        }
        double[] cum = new double[given.length];
        double at = 0;
        for (int i = 0; i < given.length; i++) {
            at += draw[i] / sum;
            cum[i] = at;
        }
        cum[given.length - 1] = 1;
        return cum;
    }

    /** One haplotype's ancestry tracts: {first variants, source population indices}, a new tract at every chromosome. */
    int[][] tracts(GeneticMap map, int group, double[] cum, SplittableRandom random) {
        double perCm = spec.generations() / 100;
        List<int[]> out = new ArrayList<>();
        for (int c = 0; c < map.chromosomeCount(); c++) {
            int from = map.chromStart(c);
            int to = map.chromEnd(c);
            if (from == to) {
                continue;
            }
            int pop = source(group, cum, random.nextDouble());
            out.add(new int[] {from, pop});
            double x = map.coordinate(from);
            int at = from;
            while (true) {
                x += -Math.log(1 - random.nextDouble()) / perCm;
                at = map.firstBeyond(at, to, x);
                if (at >= to) {
                    break;
                }
                int next = source(group, cum, random.nextDouble());
                if (next != pop) {
                    pop = next;
                    out.add(new int[] {at, pop});
                }
            }
        }
        int[][] result = new int[2][out.size()];
        for (int t = 0; t < out.size(); t++) {
            result[0][t] = out.get(t)[0];
            result[1][t] = out.get(t)[1];
        }
        return result;
    }

    private int source(int group, double[] cum, double u) {
        for (int i = 0; i < cum.length - 1; i++) {
            if (u < cum[i]) {
                return sources[group][i];
            }
        }
        return sources[group][cum.length - 1];
    }

    /**
     * A haplotype's tracts read back from its admixed path ({@code populationOf} a segment's state: a cluster path's
     * {@code state / K}, a mosaic's donor haplotype's population), split at chromosome starts: {start variant, end
     * variant (exclusive), population} per tract.
     */
    static List<int[]> tractsOf(GenomePath haplotype, java.util.function.IntUnaryOperator populationOf,
            GeneticMap map) {
        List<int[]> out = new ArrayList<>();
        int[] starts = haplotype.starts();
        int[] states = haplotype.donors();
        int m = map.chromosomeCount() == 0 ? 0 : map.chromEnd(map.chromosomeCount() - 1);
        for (int c = 0; c < map.chromosomeCount(); c++) {
            int from = map.chromStart(c);
            int to = map.chromEnd(c);
            if (from == to) {
                continue;
            }
            int k = haplotype.segmentOf(from);
            int[] open = null;
            for (; k < starts.length && starts[k] < to; k++) {
                int a = Math.max(starts[k], from);
                int b = Math.min(k + 1 < starts.length ? starts[k + 1] : m, to);
                int pop = populationOf.applyAsInt(states[k]);
                if (open != null && open[2] == pop) {
                    open[1] = b;
                } else {
                    open = new int[] {a, b, pop};
                    out.add(open);
                }
            }
        }
        return out;
    }

    /**
     * Writes the local-ancestry truth: one line per tract of every admixed genome's two haplotypes (haplotype 1 is
     * the first allele of a phased VCF genotype), with its first and last variants' positions and cM, its source
     * population and its variant count; and returns each group's measured ancestry shares and tracts per Morgan
     * for the manifest.
     */
    Map<String, Object> writeTruth(Path file, SampleSheet sheet, GenomePath[] paths, int[] popOf,
            java.util.function.IntUnaryOperator populationOf, String drawn, GeneticMap map, List<Variant> variants,
            boolean homozygous) {
        StringBuilder sb = new StringBuilder("#IID\tHAPLOTYPE\tCHROM\tSTART_POS\tEND_POS\tSTART_CM\tEND_CM\tANCESTRY"
                + "\tVARIANTS\n");
        int groups = spec.groups().size();
        double[][] share = new double[groups][firstGroup];
        long[] tractCount = new long[groups];
        double[] lengthCm = new double[groups];
        int[] haplotypes = new int[groups];
        // per group and source: the sum and sum of squares of each genome's own share
        double[][] genomeShare = new double[groups][2 * firstGroup];
        int[] genomes = new int[groups];
        for (int s = 0; s < paths.length; s++) {
            int g = popOf[s] - firstGroup;
            if (g < 0) {
                continue;
            }
            double[] own = new double[firstGroup];
            double ownLength = 0;
            GenomePath path = paths[s];
            for (int h = 0; h < 2; h++) {
                GenomePath haplotype = h == 0 || homozygous ? path : path.second();
                List<int[]> tracts = tractsOf(haplotype, populationOf, map);
                haplotypes[g]++;
                for (int[] t : tracts) {
                    Variant first = variants.get(t[0]);
                    Variant last = variants.get(t[1] - 1);
                    double cm = map.coordinate(t[1] - 1) - map.coordinate(t[0]);
                    sb.append(sheet.samples().get(s).id()).append('\t').append(h + 1).append('\t')
                            .append(first.chrom()).append('\t').append(first.position()).append('\t').append(last.position())
                            .append('\t').append(org.genosynth.io.NumberText.formatDouble(round4(map.coordinate(t[0]))))
                            .append('\t').append(org.genosynth.io.NumberText.formatDouble(round4(
                                    map.coordinate(t[1] - 1))))
                            .append('\t').append(sourceNames.get(t[2])).append('\t').append(t[1] - t[0]).append('\n');
                    share[g][t[2]] += cm;
                    lengthCm[g] += cm;
                    tractCount[g]++;
                    own[t[2]] += cm;
                    ownLength += cm;
                }
            }
            if (ownLength > 0) {
                genomes[g]++;
                for (int p = 0; p < firstGroup; p++) {
                    double x = own[p] / ownLength;
                    genomeShare[g][p] += x;
                    genomeShare[g][firstGroup + p] += x * x;
                }
            }
        }
        SynthManifest.writeText(file, sb.toString());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "one admixture pulse: ancestry switch events at rate generations per Morgan along each "
                + "haplotype, each tract's ancestry drawn with the genome's weights");
        m.put("haplotypes_in_a_tract", drawn);
        m.put("generations", spec.generations());
        m.put("genome_weights", Double.isNaN(spec.alpha()) ? "the group's weights"
                : "Dirichlet(" + spec.alpha() + " x the group's weights) per genome");
        m.put("truth", file.toString());
        double chromosomes = 0;
        for (int c = 0; c < map.chromosomeCount(); c++) {
            chromosomes += map.chromEnd(c) > map.chromStart(c) ? 1 : 0;
        }
        List<Object> list = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            SynthRequest.Admixed.Group group = spec.groups().get(g);
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("name", group.name());
            gm.put("count", group.count());
            gm.put("weights", group.sources());
            Map<String, Object> measured = new LinkedHashMap<>();
            for (int i = 0; i < sources[g].length; i++) {
                int p = sources[g][i];
                measured.put(sourceNames.get(p), lengthCm[g] > 0 ? round4(share[g][p] / lengthCm[g]) : 0.0);
            }
            gm.put("measured_ancestry_share", measured);
            Map<String, Object> sd = new LinkedHashMap<>();
            for (int i = 0; i < sources[g].length; i++) {
                int p = sources[g][i];
                double mean = genomes[g] == 0 ? 0 : genomeShare[g][p] / genomes[g];
                double var = genomes[g] < 2 ? 0 : (genomeShare[g][firstGroup + p] - genomes[g] * mean * mean)
                        / (genomes[g] - 1);
                sd.put(sourceNames.get(p), round4(Math.sqrt(Math.max(0, var))));
            }
            // between genomes: the pulse's tracts alone, plus the Dirichlet draw with alpha
            gm.put("measured_genome_share_sd", sd);
            // switches per Morgan: tracts beyond each chromosome's first, per haplotype and map length
            double switches = tractCount[g] - haplotypes[g] * chromosomes;
            gm.put("measured_switches_per_morgan", lengthCm[g] > 0 ? round4(switches / (lengthCm[g] / 100)) : 0.0);
            double same = 0;
            for (double w : group.sources().values()) {
                same += w * w;
            }
            // an event that draws the tract's own ancestry again is not a switch
            gm.put("expected_switches_per_morgan", round4(spec.generations() * (1 - same)));
            list.add(gm);
        }
        m.put("groups", list);
        return m;
    }

    private static double round4(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
