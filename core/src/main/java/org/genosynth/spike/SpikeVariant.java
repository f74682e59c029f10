package org.genosynth.spike;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.genosynth.io.InputException;
import org.genosynth.io.TextInput;
import org.genosynth.seq.VariantShape;

/**
 * One variant to insert, as read from the spikes VCF (only the first eight columns are used).
 *
 * @param chrom contig as written in the spikes file
 * @param pos   1-based position
 * @param id    the ID (CHROM:POS:REF:ALT when the file has '.')
 * @param ref   REF allele
 * @param alt   ALT allele (sequence or symbolic)
 * @param info  the INFO text of the file ('.' when empty)
 * @param shape SNV, INDEL, MNP or the SV type
 * @param end   last reference base covered (END for symbolic alleles)
 * @param line  its line in the spikes file (for messages)
 */
public record SpikeVariant(String chrom, long pos, String id, String ref, String alt, String info, VariantShape shape,
                           long end, long line) {

    /** Reads a spikes VCF (plain or gzipped); IDs must be unique. */
    public static List<SpikeVariant> read(Path file) {
        List<SpikeVariant> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (BufferedReader r = TextInput.openReader(file)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                SpikeVariant v = parse(file, n, line);
                if (!ids.add(v.id())) {
                    throw new InputException(file, n, "ID", "duplicate ID '" + v.id() + "'");
                }
                list.add(v);
            }
        } catch (IOException e) {
            throw TextInput.readFailure(file, e);
        }
        if (list.isEmpty()) {
            throw InputException.inFile(file, "no variant records");
        }
        return list;
    }

    static SpikeVariant parse(Path file, long n, String line) {
        String[] f = line.split("\t");
        if (f.length < 5) {
            throw new InputException(file, n, null, "expected at least CHROM POS ID REF ALT (tab-separated)");
        }
        long pos;
        try {
            pos = Long.parseLong(f[1]);
        } catch (NumberFormatException e) {
            throw new InputException(file, n, "POS", "'" + f[1] + "' is not a position");
        }
        if (pos < 1) {
            throw new InputException(file, n, "POS", "position must be >= 1");
        }
        String ref = f[3].toUpperCase(java.util.Locale.ROOT);
        String alt = f[4];
        if (!ref.matches("[ACGTN]+")) {
            throw new InputException(file, n, "REF", "'" + f[3] + "' is not a sequence of A, C, G, T, N");
        }
        if (alt.contains(",")) {
            throw new InputException(file, n, "ALT", "one ALT allele per spike record (split '" + alt + "')");
        }
        String info = f.length > 7 ? f[7] : ".";
        VariantShape shape;
        long end;
        if (VariantShape.isSymbolic(alt)) {
            shape = VariantShape.ofSymbol(alt);
            if (shape == null) {
                throw new InputException(file, n, "ALT", "symbolic allele '" + alt
                        + "' is not supported (use <DEL>, <DUP>, <INV> or <INS>)");
            }
            Long endInfo = infoLong(info, "END", file, n);
            Long svlen = infoLong(info, "SVLEN", file, n);
            if (shape == VariantShape.INS) {
                if (svlen == null) {
                    throw new InputException(file, n, "INFO", "<INS> needs SVLEN (the inserted length)");
                }
                end = pos;
            } else if (endInfo != null) {
                end = endInfo;
            } else if (svlen != null) {
                end = pos + Math.abs(svlen);
            } else {
                throw new InputException(file, n, "INFO", alt + " needs END or SVLEN");
            }
            if (end <= pos && shape != VariantShape.INS) {
                throw new InputException(file, n, "INFO", "END " + end + " must be after POS " + pos);
            }
        } else {
            alt = alt.toUpperCase(java.util.Locale.ROOT);
            if (!alt.matches("[ACGTN]+") || alt.equals(ref)) {
                throw new InputException(file, n, "ALT", "'" + f[4] + "' is not a sequence differing from REF");
            }
            shape = VariantShape.ofSequence(ref, alt);
            end = pos + ref.length() - 1;
        }
        String id = f[2].equals(".") ? f[0] + ":" + pos + ":" + ref + ":" + alt : f[2];
        return new SpikeVariant(f[0], pos, id, ref, alt, info, shape, end, n);
    }

    /** The value of integer INFO key {@code key}, or null when absent. */
    static Long infoLong(String info, String key, Path file, long n) {
        for (String kv : info.split(";")) {
            if (kv.startsWith(key + "=")) {
                String v = kv.substring(key.length() + 1);
                int comma = v.indexOf(',');
                try {
                    return Long.parseLong(comma < 0 ? v : v.substring(0, comma));
                } catch (NumberFormatException e) {
                    throw new InputException(file, n, "INFO/" + key, "'" + v + "' is not an integer");
                }
            }
        }
        return null;
    }

    /** INFO for the output record: the given INFO with SVTYPE/END/SVLEN completed for SVs and the SPIKE flag. */
    String outputInfo() {
        StringBuilder sb = new StringBuilder();
        if (!info.equals(".") && !info.isEmpty()) {
            sb.append(info);
        }
        if (VariantShape.isSymbolic(alt)) {
            if (!hasKey("SVTYPE")) {
                append(sb, "SVTYPE=" + shape.name());
            }
            if (!hasKey("END") && shape != VariantShape.INS) {
                append(sb, "END=" + end);
            }
            if (!hasKey("SVLEN")) {
                long len = end - pos;
                append(sb, "SVLEN=" + (shape == VariantShape.DEL ? -len : len));
            }
        }
        append(sb, "SPIKE");
        return sb.toString();
    }

    private boolean hasKey(String key) {
        for (String kv : info.split(";")) {
            if (kv.equals(key) || kv.startsWith(key + "=")) {
                return true;
            }
        }
        return false;
    }

    private static void append(StringBuilder sb, String kv) {
        if (sb.length() > 0) {
            sb.append(';');
        }
        sb.append(kv);
    }
}
