package org.genosynth.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.assoc.kinship.KingKinship;
import org.genosynth.assoc.kinship.SamplePlanes;
import org.genosynth.assoc.kinship.StructureInput;
import org.genosynth.exec.Backend;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeCsv;
import org.genosynth.io.InputException;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.util.Numbers;

/**
 * SynGen6's five CSV files (the layout of idsla/SynGen6's README, {@code XX} = the recipe's name) and the variant map
 * it lacks; the genotype rows and the variant map are written by {@link GenotypeCsv}. Genotypes are ALT allele counts 0/1/2 ({@code NA} missing); the variant map names each SNP column's
 * chromosome, position, REF/ALT (which allele is counted) and cM.
 */
final class SynGen6Csv {
    private final AtomicOutput out;
    private final String prefix;

    SynGen6Csv(AtomicOutput out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    /** {@code XX_snp.csv}: {@code SampleID,Ancestry,SNP...}, one row per cohort sample. */
    Path snps(GenotypeMatrix m, List<String> pops) {
        Path path = Path.of(prefix + "_snp.csv");
        List<Sample> samples = m.samples().samples();
        try (BufferedWriter w = writer(path)) {
            GenotypeCsv.writeHeader(w, "SampleID,Ancestry", m.variants());
            for (int s = 0; s < samples.size(); s++) {
                w.write(field(samples.get(s).id()) + "," + field(pops.get(s)));
                GenotypeCsv.writeRow(w, m, s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return path;
    }

    /** {@code XX_phenotype.csv}: {@code SampleID,Phenotype}; binary traits as 1 (case) / 0 (control) / NA. */
    Path phenotype(List<Sample> samples, Path phenoTsv, boolean binary) {
        Map<String, String> value = new HashMap<>();
        try {
            for (String line : Files.readAllLines(phenoTsv, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                String v = f[2];
                if (binary) {
                    v = switch (v) {
                        case "2" -> "1";
                        case "1" -> "0";
                        default -> "NA";
                    };
                }
                value.put(f[1], v);
            }
        } catch (IOException e) {
            throw InputException.inFile(phenoTsv, "cannot read: " + e.getMessage());
        }
        Path path = Path.of(prefix + "_phenotype.csv");
        try (BufferedWriter w = writer(path)) {
            w.write("SampleID,Phenotype\n");
            for (Sample s : samples) {
                w.write(field(s.id()) + "," + value.getOrDefault(s.id(), "NA") + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return path;
    }

    /** The kinship file and its row count. */
    record Kinship(Path file, int rows) {
    }

    /**
     * {@code XX_kinship_relatedness.csv}: {@code SampleID,AncestorID,Relatedness,KinshipCoefficient}, one row per
     * related pair of a relative and a cohort sample (a founder of its family), in the order of
     * {@code relatives.pairs.tsv}; the coefficient is KING-robust on the relatives' genotypes over the variants of
     * known position, exactly what {@code genosynth kinship} prints (6 significant digits).
     */
    Kinship kinship(Path pairsTsv, Map<String, String> founderSources, GenotypeMatrix rel, SampleSheet relSheet,
                    Backend backend) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < relSheet.size(); i++) {
            index.put(relSheet.samples().get(i).id(), i);
        }
        GenotypeMatrix known = StructureInput.knownPositions(rel);
        KingKinship king;
        king = new KingKinship(SamplePlanes.of(known, backend));
        Path path = Path.of(prefix + "_kinship_relatedness.csv");
        int rows = 0;
        try (BufferedWriter w = writer(path)) {
            w.write("SampleID,AncestorID,Relatedness,KinshipCoefficient\n");
            List<String> lines = Files.readAllLines(pairsTsv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                boolean firstFounder = founderSources.containsKey(f[0]);
                boolean secondFounder = founderSources.containsKey(f[1]);
                if (firstFounder == secondFounder) {
                    continue;
                }
                String relative = firstFounder ? f[1] : f[0];
                String ancestor = founderSources.get(firstFounder ? f[0] : f[1]);
                double k = king.pair(index.get(relative), index.get(ancestor)).kinship();
                w.write(field(relative) + "," + field(ancestor) + "," + f[2] + "," + Numbers.significant(k, 6)
                        + "\n");
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return new Kinship(path, rows);
    }

    /** {@code XX_relative_snps.csv}: {@code SampleID,SNP...}, one row per relative (founders are in XX_snp.csv). */
    Path relativeSnps(GenotypeMatrix rel, SampleSheet relSheet, Collection<String> founderIds) {
        Set<String> founders = new HashSet<>(founderIds);
        Path path = Path.of(prefix + "_relative_snps.csv");
        try (BufferedWriter w = writer(path)) {
            GenotypeCsv.writeHeader(w, "SampleID", rel.variants());
            for (int s = 0; s < relSheet.size(); s++) {
                String id = relSheet.samples().get(s).id();
                if (founders.contains(id)) {
                    continue;
                }
                w.write(field(id));
                GenotypeCsv.writeRow(w, rel, s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return path;
    }

    /** {@code XX_variant_map.csv}: {@code CHROM,POS,ID,REF,ALT,cM} for every variant of the dataset's genotypes. */
    Path variantMap(List<Variant> variants) {
        Path path = Path.of(prefix + "_variant_map.csv");
        GenotypeCsv.writeVariantMap(out.temp(path), variants);
        return path;
    }

    private BufferedWriter writer(Path path) throws IOException {
        return Files.newBufferedWriter(out.temp(path), StandardCharsets.UTF_8);
    }

    /** RFC 4180 quoting where needed. */
    static String field(String s) {
        return GenotypeCsv.field(s);
    }
}
