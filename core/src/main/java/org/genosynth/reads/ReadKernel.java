package org.genosynth.reads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.TextCigarCodec;
import htsjdk.samtools.util.SequenceUtil;

/**
 * Simulates the read pairs of one {@link Unit}: FASTQ text for read 1 and read 2, gzipped as one gzip member each
 * (members concatenate into valid .fastq.gz), and, when asked, the golden alignments. One kernel per worker thread;
 * the output depends only on the unit (its seed), never on the thread.
 */
final class ReadKernel {
    private static final byte[][] SUBSTITUTE = new byte[256][];

    static {
        byte[] acgt = {'A', 'C', 'G', 'T'};
        for (int i = 0; i < 256; i++) {
            SUBSTITUTE[i] = new byte[] {'N', 'N', 'N'};
        }
        for (byte b : acgt) {
            byte[] others = new byte[3];
            int k = 0;
            for (byte o : acgt) {
                if (o != b) {
                    others[k++] = o;
                }
            }
            SUBSTITUTE[b] = others;
        }
    }

    private static final byte[] COMPLEMENT = new byte[256];

    static {
        Arrays.fill(COMPLEMENT, (byte) 'N');
        COMPLEMENT['A'] = 'T';
        COMPLEMENT['C'] = 'G';
        COMPLEMENT['G'] = 'C';
        COMPLEMENT['T'] = 'A';
    }

    /** The output of one unit. */
    record Output(Unit unit, byte[] read1, byte[] read2, long pairs, SAMRecord[] sortedGolden, int[] sortedStarts) {
    }

    private final int readLength;
    private final int fragmentMean;
    private final int fragmentSd;
    private final byte[][] qualityTables;
    private final long[] errorThreshold = QualityModel.errorThresholds();
    private final int compressionLevel;
    private final SAMFileHeader header;
    private final TrueAlignment aln1 = new TrueAlignment();
    private final TrueAlignment aln2 = new TrueAlignment();
    private final byte[] name = new byte[128];
    private int nameLength;
    private long state;
    private byte[] buf1 = new byte[1 << 20];
    private byte[] buf2 = new byte[1 << 20];
    private int len1;
    private int len2;

    /** {@code header} is null when no golden alignments are wanted. */
    ReadKernel(int readLength, int fragmentMean, int fragmentSd, QualityModel model, int compressionLevel,
               SAMFileHeader header) {
        this.readLength = readLength;
        this.fragmentMean = fragmentMean;
        this.fragmentSd = fragmentSd;
        this.qualityTables = model.samplingTables(readLength);
        this.compressionLevel = compressionLevel;
        this.header = header;
    }

    private long next() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, n). */
    private long below(long n) {
        return Math.floorMod(next(), n);
    }

    private int fragmentLength(int maxLength) {
        double u1 = ((next() >>> 11) + 1) * 0x1.0p-53;
        double u2 = (next() >>> 11) * 0x1.0p-53;
        double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        long f = Math.round(fragmentMean + fragmentSd * z);
        return (int) Math.max(readLength, Math.min(maxLength, f));
    }

    Output run(Unit u) {
        state = u.seed();
        len1 = 0;
        len2 = 0;
        List<SAMRecord> golden = header == null ? null : new ArrayList<>();
        Haplotype h = u.hap();
        long made = 0;
        long serial = 0;
        for (int iv = 0; iv < u.from().length; iv++) {
            long from = u.from()[iv];
            long to = u.to()[iv];
            for (long k = 0; k < u.pairs()[iv]; k++) {
                if (h.length < readLength) {
                    break;
                }
                int f = 0;
                long start = -1;
                for (int attempt = 0; attempt < 8 && start < 0; attempt++) {
                    f = fragmentLength(h.length);
                    long s;
                    if (u.centred()) {
                        s = from + below(Math.max(1, to - from)) - f / 2;
                        s = Math.max(0, Math.min(h.length - f, s));
                    } else {
                        long hi = Math.min(to, (long) h.length - f + 1);
                        if (hi <= from) {
                            s = Math.max(0, h.length - f);
                        } else {
                            s = from + below(hi - from);
                        }
                    }
                    if (mostlyN(h.seq, s, readLength) || mostlyN(h.seq, s + f - readLength, readLength)) {
                        continue;
                    }
                    start = s;
                }
                if (start < 0) {
                    continue;
                }
                boolean forwardFirst = (next() & 1) == 0;
                setName(u, serial++);
                long mateStart = start + f - readLength;
                int at1 = len1;
                int at2 = len2;
                writeRead(true, h.seq, forwardFirst ? start : mateStart, !forwardFirst, qualityTables[0]);
                writeRead(false, h.seq, forwardFirst ? mateStart : start, forwardFirst, qualityTables[1]);
                if (golden != null) {
                    golden(u, golden, forwardFirst ? start : mateStart, !forwardFirst, at1,
                            forwardFirst ? mateStart : start, forwardFirst, at2);
                }
                made++;
            }
        }
        SAMRecord[] sorted = new SAMRecord[0];
        int[] starts = new int[0];
        if (golden != null) {
            // sort by alignment start, ties in simulation order: keys start * 2^32 + index
            long[] keys = new long[golden.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = ((long) golden.get(i).getAlignmentStart() << 32) | i;
            }
            Arrays.sort(keys);
            sorted = new SAMRecord[keys.length];
            starts = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                sorted[i] = golden.get((int) keys[i]);
                starts[i] = (int) (keys[i] >>> 32);
            }
        }
        return new Output(u, gzip(buf1, len1), gzip(buf2, len2), made, sorted, starts);
    }

    private static boolean mostlyN(byte[] seq, long from, int len) {
        int n = 0;
        int f = (int) from;
        for (int i = 0; i < len; i++) {
            if (seq[f + i] == 'N') {
                n++;
            }
        }
        return n > len / 2;
    }

    private void setName(Unit u, long serial) {
        nameLength = 0;
        appendName("gs");
        appendNumber(u.index());
        name[nameLength++] = '.';
        appendNumber(serial);
        name[nameLength++] = '.';
        name[nameLength++] = 'h';
        appendNumber(u.hapNumber());
    }

    private void appendName(String s) {
        for (int i = 0; i < s.length(); i++) {
            name[nameLength++] = (byte) s.charAt(i);
        }
    }

    private void appendNumber(long v) {
        int startAt = nameLength;
        do {
            name[nameLength++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = startAt, j = nameLength - 1; i < j; i++, j--) {
            byte t = name[i];
            name[i] = name[j];
            name[j] = t;
        }
    }

    /** Appends one FASTQ record; the hot loop: one 64-bit draw per base gives its quality and error. */
    private void writeRead(boolean first, byte[] seq, long start, boolean reverse, byte[] qtab) {
        int L = readLength;
        int need = nameLength + 2 * L + 8;
        byte[] b = first ? buf1 : buf2;
        int p = first ? len1 : len2;
        if (p + need > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, p + need));
            if (first) {
                buf1 = b;
            } else {
                buf2 = b;
            }
        }
        b[p++] = '@';
        System.arraycopy(name, 0, b, p, nameLength);
        p += nameLength;
        b[p++] = '/';
        b[p++] = (byte) (first ? '1' : '2');
        b[p++] = '\n';
        int seqAt = p;
        int qualAt = p + L + 3;
        long[] th = errorThreshold;
        int s = (int) start;
        int slot = 0;
        for (int i = 0; i < L; i++, slot += QualityModel.SLOTS) {
            byte base = reverse ? COMPLEMENT[seq[s + L - 1 - i]] : seq[s + i];
            long r = next();
            int q = qtab[slot + (int) (r >>> (64 - QualityModel.SLOT_BITS))];
            if ((r & 0xFFFFFFFFL) < th[q]) {
                base = SUBSTITUTE[base][(int) (((r >>> 32) & 0xFFFFF) % 3)];
            }
            if (base == 'N') {
                q = 2;
            }
            b[seqAt + i] = base;
            b[qualAt + i] = (byte) (q + 33);
        }
        p = seqAt + L;
        b[p++] = '\n';
        b[p++] = '+';
        b[p++] = '\n';
        p += L;
        b[p++] = '\n';
        if (first) {
            len1 = p;
        } else {
            len2 = p;
        }
    }

    private byte[] gzip(byte[] data, int len) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(len / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bos, 1 << 16) {
            {
                def.setLevel(compressionLevel);
            }
        }) {
            gz.write(data, 0, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /** Builds the two golden records of the pair just written. */
    private void golden(Unit u, List<SAMRecord> out, long s1, boolean rev1, int at1, long s2, boolean rev2, int at2) {
        Haplotype h = u.hap();
        int L = readLength;
        aln1.compute(h, s1, L);
        aln2.compute(h, s2, L);
        String readName = new String(name, 0, nameLength, StandardCharsets.US_ASCII);
        SAMRecord r1 = record(u, readName, aln1, rev1 ^ aln1.flipped, buf1, at1, true);
        SAMRecord r2 = record(u, readName, aln2, rev2 ^ aln2.flipped, buf2, at2, false);
        mate(r1, r2);
        mate(r2, r1);
        if (!r1.getReadUnmappedFlag() && !r2.getReadUnmappedFlag()) {
            r1.setProperPairFlag(true);
            r2.setProperPairFlag(true);
            int left = Math.min(r1.getAlignmentStart(), r2.getAlignmentStart());
            int right = Math.max(r1.getAlignmentEnd(), r2.getAlignmentEnd());
            int tlen = right - left + 1;
            boolean r1Left = r1.getAlignmentStart() < r2.getAlignmentStart()
                    || r1.getAlignmentStart() == r2.getAlignmentStart() && !r1.getReadNegativeStrandFlag();
            r1.setInferredInsertSize(r1Left ? tlen : -tlen);
            r2.setInferredInsertSize(r1Left ? -tlen : tlen);
        }
        out.add(r1);
        out.add(r2);
    }

    private SAMRecord record(Unit u, String readName, TrueAlignment a, boolean reverse, byte[] buf, int at,
                             boolean first) {
        int L = readLength;
        int seqAt = at + 1 + nameLength + 3;
        int qualAt = seqAt + L + 3;
        byte[] bases = Arrays.copyOfRange(buf, seqAt, seqAt + L);
        byte[] quals = Arrays.copyOfRange(buf, qualAt, qualAt + L);
        for (int i = 0; i < L; i++) {
            quals[i] -= 33;
        }
        if (reverse) {
            reverseComplement(bases);
            reverse(quals);
        }
        SAMRecord r = new SAMRecord(header);
        r.setReadName(readName);
        r.setReadPairedFlag(true);
        r.setFirstOfPairFlag(first);
        r.setSecondOfPairFlag(!first);
        r.setReadBases(bases);
        r.setBaseQualities(quals);
        r.setAttribute("RG", "gs");
        r.setAttribute("HP", u.hapNumber());
        if (a.start < 0) {
            r.setReadUnmappedFlag(true);
            r.setReferenceIndex(u.refIndex());
            return r;
        }
        r.setReferenceIndex(u.refIndex());
        r.setAlignmentStart(a.start + 1);
        r.setCigar(TextCigarCodec.decode(a.cigar));
        r.setMappingQuality(60);
        r.setReadNegativeStrandFlag(reverse);
        SequenceUtil.calculateMdAndNmTags(r, u.ref(), true, true);
        return r;
    }

    private static void mate(SAMRecord r, SAMRecord m) {
        if (r.getReadUnmappedFlag() && !m.getReadUnmappedFlag()) {
            r.setAlignmentStart(m.getAlignmentStart());
        }
        r.setMateReferenceIndex(m.getReferenceIndex());
        r.setMateAlignmentStart(m.getReadUnmappedFlag() ? r.getAlignmentStart() : m.getAlignmentStart());
        r.setMateUnmappedFlag(m.getReadUnmappedFlag());
        r.setMateNegativeStrandFlag(m.getReadNegativeStrandFlag());
    }

    private static void reverseComplement(byte[] b) {
        for (int i = 0, j = b.length - 1; i <= j; i++, j--) {
            byte t = COMPLEMENT[b[i]];
            b[i] = COMPLEMENT[b[j]];
            b[j] = t;
        }
    }

    private static void reverse(byte[] b) {
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }
}
