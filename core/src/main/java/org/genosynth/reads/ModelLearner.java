package org.genosynth.reads;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import org.genosynth.io.InputException;
import org.genosynth.io.TextInput;

/**
 * Learns a {@link QualityModel} from real reads: FASTQ files (plain or gzipped; the first is read 1, a second file
 * read 2, one file counts for both) or a SAM/BAM/CRAM file (first/second of pair by flag; qualities of reverse-strand
 * alignments are reversed back to sequencing order; secondary and supplementary records skipped). At most
 * {@code maxReads} reads per file are used.
 */
public final class ModelLearner {
    private ModelLearner() {
    }

    /** Learns from {@code files}; returns the model and how many reads were used. */
    public static QualityModel learn(List<Path> files, long maxReads) {
        long[][][] counts = new long[2][0][];
        if (files.isEmpty() || files.size() > 2) {
            throw InputException.usage("give one or two FASTQ files, or one SAM/BAM file");
        }
        String first = files.get(0).getFileName().toString().toLowerCase(Locale.ROOT);
        if (first.endsWith(".bam") || first.endsWith(".sam") || first.endsWith(".cram")) {
            counts = fromSam(files.get(0), maxReads, counts);
        } else {
            counts = fromFastq(files.get(0), 0, maxReads, counts);
            if (files.size() == 2) {
                counts = fromFastq(files.get(1), 1, maxReads, counts);
            }
        }
        if (counts[0].length == 0 && counts[1].length == 0) {
            throw InputException.inFile(files.get(0), "no reads with qualities found");
        }
        if (counts[1].length == 0) {
            counts[1] = counts[0];
        } else if (counts[0].length == 0) {
            counts[0] = counts[1];
        }
        int cycles = Math.max(counts[0].length, counts[1].length);
        for (int r = 0; r < 2; r++) {
            if (counts[r].length < cycles) {
                long[][] grown = Arrays.copyOf(counts[r], cycles);
                for (int i = counts[r].length; i < cycles; i++) {
                    grown[i] = grown[i - 1];
                }
                counts[r] = grown;
            }
        }
        return new QualityModel(counts);
    }

    private static long[][][] fromFastq(Path file, int read, long maxReads, long[][][] counts) {
        try (BufferedReader r = TextInput.openReader(file)) {
            long n = 0;
            long line = 0;
            String head;
            while ((head = r.readLine()) != null && n < maxReads) {
                line++;
                if (head.isEmpty()) {
                    continue;
                }
                if (head.charAt(0) != '@') {
                    throw new InputException(file, line, null, "expected a FASTQ header starting with '@'");
                }
                String seq = r.readLine();
                String plus = r.readLine();
                String qual = r.readLine();
                line += 3;
                if (seq == null || plus == null || qual == null || !plus.startsWith("+")) {
                    throw new InputException(file, line, null, "truncated FASTQ record");
                }
                if (qual.length() != seq.length()) {
                    throw new InputException(file, line, "quality", "length differs from the sequence's");
                }
                counts[read] = add(counts[read], phred33(qual), false);
                n++;
            }
        } catch (IOException e) {
            throw TextInput.readFailure(file, e);
        }
        return counts;
    }

    private static long[][][] fromSam(Path file, long maxReads, long[][][] counts) {
        SamReaderFactory f = SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT);
        long[] n = new long[2];
        try (SamReader r = f.open(file)) {
            for (SAMRecord rec : r) {
                if (rec.isSecondaryOrSupplementary() || rec.getBaseQualities().length == 0) {
                    continue;
                }
                int read = rec.getReadPairedFlag() && rec.getSecondOfPairFlag() ? 1 : 0;
                if (n[read] >= maxReads) {
                    if (n[1 - read] >= maxReads) {
                        break;
                    }
                    continue;
                }
                byte[] q = rec.getBaseQualities();
                counts[read] = add(counts[read], q, rec.getReadNegativeStrandFlag());
                n[read]++;
            }
        } catch (IOException | htsjdk.samtools.SAMException e) {
            throw InputException.inFile(file, "cannot read alignments (" + e.getMessage() + ")");
        }
        return counts;
    }

    /** Adds one read's qualities ({@code phred33} ASCII when not from SAM: offset detected by value). */
    private static long[][] add(long[][] c, byte[] q, boolean reversed) {
        if (c.length < q.length) {
            int old = c.length;
            c = Arrays.copyOf(c, q.length);
            for (int i = old; i < q.length; i++) {
                c[i] = new long[QualityModel.MAX_Q + 1];
            }
        }
        for (int i = 0; i < q.length; i++) {
            int v = q[reversed ? q.length - 1 - i : i];
            c[i][Math.max(0, Math.min(QualityModel.MAX_Q, v))]++;
        }
        return c;
    }

    /** FASTQ qualities are ASCII: subtract 33 before counting. */
    static byte[] phred33(String qual) {
        byte[] b = qual.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            b[i] -= 33;
        }
        return b;
    }
}
