package org.genosynth.relatives;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeSource;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.WriteOptions;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Sex;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * {@code genosynth relatives}: builds the pedigrees of a {@link PedigreeSpec} on founders drawn from the input,
 * simulates every meiosis ({@link Meiosis}) along the {@link GeneticMap}, and writes the genotypes of founders (fresh
 * IDs) and descendants with the pedigree in the .fam parents, {@code OUT.pairs.tsv}
 * ({@code IID1 IID2 RELATIONSHIP DEGREE EXPECTED_KINSHIP}) and {@code OUT.meioses.tsv} (crossovers per meiosis).
 *
 * <p>Transmission: when every variant of the input is phased, founders transmit their real haplotypes and the output
 * is phased (paternal haplotype first). Otherwise transmission is genotype-level: each founder's heterozygous calls
 * get a random phase once (a pseudo-haplotype pair, reused in every meiosis of that founder), so along a chromosome a
 * gamete copies long stretches of one pseudo-haplotype between crossovers. Children then carry exactly one allele of
 * each parent (no Mendelian error, 1/4-1/2-1/4 for two heterozygous parents) and share IBD segments of the right
 * lengths with every relative; what is not real is the linkage phase between a founder's heterozygous sites inside a
 * transmitted segment. Only autosomes are transmitted (sex chromosomes and MT are left out, with a note).
 */
public final class RelativesJob {
    private static final int WRITE_BLOCK = 1024;

    private RelativesJob() {
    }

    /**
     * @param input         genotypes of the founder cohort
     * @param read          how to open it
     * @param spec          the pedigree spec
     * @param populations   file of {@code IID POPULATION} lines, or null (then the samples' own population labels)
     * @param geneticMap    genetic map file, or null
     * @param cmPerMb       rate for base-pair positions when nothing else places a chromosome
     * @param includeFounders write the founders too (with fresh IDs)
     * @param outputFormat  output format, or null for the input's
     * @param seed          random seed
     * @param outPrefix     output prefix
     */
    public record Request(Path input, ReadOptions read, PedigreeSpec spec, Path populations, Path geneticMap,
                          double cmPerMb, boolean includeFounders, GenotypeFormat outputFormat, long seed,
                          String outPrefix) {
    }

    /** What was written. */
    /**
     * What was written; {@code founderSources} maps each founder's fresh ID to the ID of the input sample it was drawn
     * from (in pedigree order), for callers that build on a cohort they made themselves (genosynth benchmark).
     */
    public record Outcome(int founders, int descendants, int variants, long pairs, boolean phased,
                          double meanCrossovers, double mapMorgans, List<Path> files, List<String> notes,
                          java.util.Map<String, String> founderSources) {
        public String render() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "relatives: %d founders, %d descendants, %d variants, %d related pairs (%s transmission)%n",
                    founders, descendants, variants, pairs, phased ? "phased" : "genotype-level"));
            sb.append(String.format(Locale.ROOT, "  crossovers per meiosis: %.2f (map length %.2f Morgans)%n",
                    meanCrossovers, mapMorgans));
            notes.forEach(n -> sb.append("  ").append(n).append(System.lineSeparator()));
            files.forEach(f -> sb.append("  wrote ").append(f).append(System.lineSeparator()));
            return sb.toString();
        }
    }

    /** Runs the request. */
    public static Outcome run(Request request) {
        try (GenotypeReader reader = GenotypeSource.of(request.input(), request.read()).open()) {
            List<Sample> cohort = reader.sampleSheet().samples();
            List<String> pops = Populations.of(cohort, request.populations());
            List<String> distinct = pops.stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
            List<Member> members = PedigreeBuilder.build(request.spec(), distinct,
                    Rng.stream(request.seed(), "pedigree"));
            int[] source = FounderPool.assign(members, pops, Rng.stream(request.seed(), "founders"));
            int[] founderIdx = members.stream().filter(Member::founder).mapToInt(Member::index).toArray();
            int[] keep = new int[founderIdx.length];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = source[founderIdx[i]];
            }
            FounderData data = FounderData.read(reader, keep, request.seed());
            GeneticMap map = GeneticMap.of(data.variants(), request.geneticMap(), request.cmPerMb());
            Haplotypes[] haps = new Haplotypes[members.size()];
            for (int i = 0; i < founderIdx.length; i++) {
                haps[founderIdx[i]] = data.haplotypes()[i];
            }
            List<int[]> meioses = new ArrayList<>();
            for (Member m : members) {
                if (m.founder()) {
                    continue;
                }
                Haplotypes child = new Haplotypes(data.variants().size());
                SplittableRandom rng = Rng.stream(request.seed(), "meiosis:" + m.id());
                int xf = Meiosis.transmit(haps[m.father()], true, map, rng, child, 0);
                int xm = Meiosis.transmit(haps[m.mother()], false, map, rng, child, 1);
                haps[m.index()] = child;
                meioses.add(new int[] {m.index(), m.father(), xf});
                meioses.add(new int[] {m.index(), m.mother(), xm});
            }
            List<Relationships.Pair> pairs = Relationships.pairs(members).stream()
                    .filter(p -> request.includeFounders() || !members.get(p.first()).founder()
                            && !members.get(p.second()).founder()).toList();
            double[] realized = realizedKinship(pairs, haps, data.variants().size());
            GenotypeFormat format = request.outputFormat() != null ? request.outputFormat()
                    : GenotypeFormat.detectOrFail(request.input());
            List<Member> written = members.stream().filter(m -> request.includeFounders() || !m.founder()).toList();
            List<Path> files = new ArrayList<>(writeGenotypes(request, format, members, written, haps, data));
            List<String> notes = new ArrayList<>(data.notes());
            try (AtomicOutput out = new AtomicOutput()) {
                files.add(writePairs(out, Path.of(request.outPrefix() + ".pairs.tsv"), members, pairs, realized));
                files.add(writeMeioses(out, Path.of(request.outPrefix() + ".meioses.tsv"), members, meioses));
                out.commit();
            }
            double meanX = meioses.stream().mapToInt(x -> x[2]).average().orElse(0);
            double morgans = (map.morgans(true) + map.morgans(false)) / 2;
            notes.addAll(map.notes().size() > 3 ? List.of(map.notes().size() + " chromosomes placed ("
                    + map.notes().get(0) + "; ...)") : map.notes());
            java.util.Map<String, String> sources = new java.util.LinkedHashMap<>();
            for (int f : founderIdx) {
                sources.put(members.get(f).id(), cohort.get(source[f]).id());
            }
            return new Outcome(founderIdx.length, members.size() - founderIdx.length, data.variants().size(),
                    pairs.size(), data.phased(), meanX, morgans, files, notes, sources);
        }
    }

    private static List<Path> writeGenotypes(Request request, GenotypeFormat format, List<Member> members,
                                             List<Member> written, Haplotypes[] haps, FounderData data) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        written.forEach(m -> out.add(m.index()));
        List<Sample> samples = new ArrayList<>();
        for (Member m : written) {
            String father = m.father() >= 0 && out.contains(m.father()) ? members.get(m.father()).id() : "0";
            String mother = m.mother() >= 0 && out.contains(m.mother()) ? members.get(m.mother()).id() : "0";
            samples.add(new Sample(m.familyId(), m.id(), father, mother, m.sex(), null));
        }
        Path path = switch (format) {
            case VCF -> Path.of(request.outPrefix() + ".vcf.gz");
            case BCF -> Path.of(request.outPrefix() + ".bcf");
            case BED, BIMBAM -> Path.of(request.outPrefix());
        };
        int n = written.size();
        int wpv = GenotypeCodes.wordsPerVariant(n);
        List<Variant> variants = data.variants();
        try (GenotypeWriter w = GenotypeFiles.create(path, format, SampleSheet.of(samples), WriteOptions.defaults())) {
            for (int v0 = 0; v0 < variants.size(); v0 += WRITE_BLOCK) {
                int v1 = Math.min(variants.size(), v0 + WRITE_BLOCK);
                long[] words = new long[(v1 - v0) * wpv];
                long[][] phase = data.phased() ? new long[v1 - v0][(n + 63) >>> 6] : null;
                for (int v = v0; v < v1; v++) {
                    int off = (v - v0) * wpv;
                    for (int s = 0; s < n; s++) {
                        Haplotypes h = haps[written.get(s).index()];
                        int code = h.code(v);
                        GenotypeCodes.set(words, off, s, code);
                        if (phase != null && code == 1 && Haplotypes.get(h.hap0, v)) {
                            phase[v - v0][s >>> 6] |= 1L << (s & 63);
                        }
                    }
                }
                w.write(new VariantBlock(v0, n, variants.subList(v0, v1), words, null, phase));
            }
            return w.commit();
        }
    }

    /**
     * Realized kinship of each pair from the founder-haplotype labels the meioses carried: a quarter of the summed
     * fractions of variants at which each of the four haplotype pairs descends from the same founder haplotype (IBD).
     */
    private static double[] realizedKinship(List<Relationships.Pair> pairs, Haplotypes[] haps, int variants) {
        double[] out = new double[pairs.size()];
        int[][] a = new int[2][variants];
        int[][] b = new int[2][variants];
        for (int p = 0; p < pairs.size(); p++) {
            Haplotypes x = haps[pairs.get(p).first()];
            Haplotypes y = haps[pairs.get(p).second()];
            for (int h = 0; h < 2; h++) {
                x.decodeOrigins(h, a[h]);
                y.decodeOrigins(h, b[h]);
            }
            long same = 0;
            for (int v = 0; v < variants; v++) {
                same += (a[0][v] == b[0][v] ? 1 : 0) + (a[0][v] == b[1][v] ? 1 : 0) + (a[1][v] == b[0][v] ? 1 : 0)
                        + (a[1][v] == b[1][v] ? 1 : 0);
            }
            out[p] = same / (4.0 * variants);
        }
        return out;
    }

    private static Path writePairs(AtomicOutput out, Path path, List<Member> members,
                                   List<Relationships.Pair> pairs, double[] realized) {
        try (BufferedWriter w = Files.newBufferedWriter(out.temp(path), StandardCharsets.UTF_8)) {
            w.write("IID1\tIID2\tRELATIONSHIP\tDEGREE\tEXPECTED_KINSHIP\tREALIZED_KINSHIP\n");
            for (int i = 0; i < pairs.size(); i++) {
                Relationships.Pair p = pairs.get(i);
                w.write(members.get(p.first()).id() + "\t" + members.get(p.second()).id() + "\t" + p.relationship()
                        + "\t" + p.degree() + "\t" + org.genosynth.io.NumberText.formatDouble(p.kinship()) + "\t"
                        + String.format(Locale.ROOT, "%.6f", realized[i]) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return path;
    }

    private static Path writeMeioses(AtomicOutput out, Path path, List<Member> members, List<int[]> meioses) {
        try (BufferedWriter w = Files.newBufferedWriter(out.temp(path), StandardCharsets.UTF_8)) {
            w.write("CHILD\tPARENT\tPARENT_SEX\tCROSSOVERS\n");
            for (int[] m : meioses) {
                Member parent = members.get(m[1]);
                w.write(members.get(m[0]).id() + "\t" + parent.id() + "\t"
                        + (parent.sex() == Sex.MALE ? "male" : "female") + "\t" + m[2] + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return path;
    }

    static InputException noVariants(Path input) {
        return InputException.inFile(input, "no autosomal variants to transmit");
    }
}
