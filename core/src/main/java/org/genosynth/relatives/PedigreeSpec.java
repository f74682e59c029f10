package org.genosynth.relatives;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.genosynth.io.InputException;

/**
 * What families to build: a list of (design, count). Written as a file of {@code DESIGN COUNT} lines ({@code #}
 * comments) or inline as {@code design=count,design=count}. Designs:
 * <ul>
 * <li>{@code parent-offspring}: two founders and a child;</li>
 * <li>{@code full-siblings}: two founders and two children;</li>
 * <li>{@code half-siblings}: a father with two founder mothers, one child with each;</li>
 * <li>{@code grandparent}: two founders, their child, a founder spouse, a grandchild;</li>
 * <li>{@code avuncular}: two founders, two children, a spouse of the second and her/his child (niece/nephew of the
 * first);</li>
 * <li>{@code first-cousins}: two founders, two children, a spouse for each, a child of each couple;</li>
 * <li>{@code syngen6}: SynGen6's design per population: COUNT founder couples have one child each (first degree to
 * them); the children, shuffled, pair up to have COUNT/2 grandchildren (second degree), and those COUNT/4
 * great-grandchildren (third degree). COUNT must be a multiple of 4.</li>
 * </ul>
 */
public record PedigreeSpec(List<Entry> entries) {
    /** The designs. */
    public static final List<String> DESIGNS = List.of("parent-offspring", "full-siblings", "half-siblings",
            "grandparent", "avuncular", "first-cousins", "syngen6");

    /** One design and how many families (for syngen6: founder couples per population). */
    public record Entry(String design, int count) {
    }

    public PedigreeSpec {
        entries = List.copyOf(entries);
    }

    /** Reads {@code spec}: an existing file, or an inline {@code design=count,...} list. */
    public static PedigreeSpec parse(String spec) {
        Path file = Path.of(spec);
        if (Files.isRegularFile(file)) {
            return readFile(file);
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=");
            if (kv.length != 2) {
                throw InputException.usage("--pedigree: '" + part + "' is neither DESIGN=COUNT nor an existing file");
            }
            entries.add(entry(kv[0], kv[1], null, 0));
        }
        return new PedigreeSpec(entries);
    }

    private static PedigreeSpec readFile(Path file) {
        List<Entry> entries = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).replaceFirst("#.*", "").strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\\s+");
                if (f.length != 2) {
                    throw new InputException(file, i + 1, null, "expected DESIGN COUNT, got '" + line + "'");
                }
                entries.add(entry(f[0], f[1], file, i + 1));
            }
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw InputException.inFile(file, "no families in the pedigree spec");
        }
        return new PedigreeSpec(entries);
    }

    private static Entry entry(String design, String count, Path file, int line) {
        String d = design.strip().toLowerCase(Locale.ROOT);
        if (!DESIGNS.contains(d)) {
            throw new InputException(file, line, "DESIGN", "unknown design '" + design + "' (one of "
                    + String.join(", ", DESIGNS) + ")");
        }
        int n;
        try {
            n = Integer.parseInt(count.strip());
        } catch (NumberFormatException e) {
            throw new InputException(file, line, "COUNT", "not a whole number: '" + count + "'");
        }
        if (n < 1 || d.equals("syngen6") && n % 4 != 0) {
            throw new InputException(file, line, "COUNT", d + ": count must be positive"
                    + (d.equals("syngen6") ? " and a multiple of 4" : "") + ", got " + n);
        }
        return new Entry(d, n);
    }
}
