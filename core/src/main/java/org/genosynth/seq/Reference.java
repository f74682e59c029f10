package org.genosynth.seq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import htsjdk.samtools.reference.FastaSequenceFile;
import htsjdk.samtools.reference.ReferenceSequence;
import htsjdk.samtools.reference.ReferenceSequenceFile;
import htsjdk.samtools.reference.ReferenceSequenceFileFactory;
import org.genosynth.io.InputException;

/**
 * A reference FASTA (plain or gzipped). Contig names and lengths come from the {@code .fai} index when present
 * (samtools faidx); otherwise the file is scanned once. Sequences are loaded one contig at a time, upper-cased, with every
 * non-ACGT character turned into N.
 */
public final class Reference {
    private final Path path;
    private final Map<String, Integer> lengths;

    private Reference(Path path, Map<String, Integer> lengths) {
        this.path = path;
        this.lengths = lengths;
    }

    /** Opens {@code fasta} and reads its contig names and lengths. */
    public static Reference open(Path fasta) {
        org.genosynth.io.Fileset.input(fasta);
        if (!Files.isRegularFile(fasta)) {
            throw InputException.inFile(fasta, "reference FASTA not found");
        }
        Map<String, Integer> lengths = new LinkedHashMap<>();
        Path fai = fasta.resolveSibling(fasta.getFileName() + ".fai");
        if (Files.isRegularFile(fai)) {
            try {
                for (String line : Files.readAllLines(fai)) {
                    String[] f = line.split("\t");
                    if (f.length >= 2) {
                        lengths.put(f[0], Integer.parseInt(f[1]));
                    }
                }
            } catch (java.io.IOException | NumberFormatException e) {
                throw InputException.inFile(fai, "not a readable FASTA index (" + e.getMessage() + ")");
            }
            if (!lengths.isEmpty()) {
                return new Reference(fasta, Collections.unmodifiableMap(lengths));
            }
        }
        try (FastaSequenceFile f = new FastaSequenceFile(fasta, true)) {
            ReferenceSequence s;
            while ((s = f.nextSequence()) != null) {
                lengths.put(s.getName(), s.length());
            }
        } catch (RuntimeException e) {
            throw InputException.inFile(fasta, "not a readable FASTA file (" + e.getMessage() + ")");
        }
        if (lengths.isEmpty()) {
            throw InputException.inFile(fasta, "no sequence in the FASTA file");
        }
        return new Reference(fasta, Collections.unmodifiableMap(lengths));
    }

    public Path path() {
        return path;
    }

    /** Contig names in file order with their lengths. */
    public Map<String, Integer> lengths() {
        return lengths;
    }

    public List<String> names() {
        return new ArrayList<>(lengths.keySet());
    }

    /** Loads every contig in file order and hands each to {@code consumer} (one contig in memory at a time). */
    public void forEach(java.util.function.BiConsumer<String, byte[]> consumer) {
        try (ReferenceSequenceFile f = ReferenceSequenceFileFactory.getReferenceSequenceFile(path, true, false)) {
            ReferenceSequence s;
            while ((s = f.nextSequence()) != null) {
                byte[] bases = s.getBases();
                Bases.normalize(bases);
                consumer.accept(s.getName(), bases);
            }
        } catch (java.io.IOException e) {
            throw InputException.inFile(path, "cannot read (" + e.getMessage() + ")");
        }
    }

    /** Loads every contig into memory (small references: comparisons, tests). */
    public Map<String, byte[]> loadAll() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        forEach(all::put);
        return all;
    }
}
