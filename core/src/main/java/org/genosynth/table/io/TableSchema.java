package org.genosynth.table.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.io.Fileset;
import org.genosynth.io.InputException;
import org.genosynth.io.YamlInput;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A table's side file of per-column missing-value codes ({@code --schema}), in one of two forms:
 * <ul>
 * <li>TSV (any name but {@code .yaml}/{@code .yml}): one line per column, {@code column<TAB>codes} with the codes
 * comma-separated; {@code #} starts a comment; a first line {@code column<TAB>na_codes} is a header.</li>
 * <li>YAML: {@code na_codes:} mapping a column name to a code or a list of codes, e.g.
 * {@code na_codes: {insulin: [0], skin: 0}}.</li>
 * </ul>
 */
public final class TableSchema {
    private TableSchema() {
    }

    /** The missing-value codes per column name. */
    public static Map<String, Set<String>> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? yaml(file) : tsv(file);
    }

    private static Map<String, Set<String>> tsv(Path file) {
        Fileset.input(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw InputException.inFile(file, "file not found");
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read: " + e.getMessage());
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 2 || f[0].isBlank()) {
                throw new InputException(file, i + 1L, null, "expected 'column<TAB>na_codes' (codes comma-separated), "
                        + "got " + f.length + " tab-separated fields");
            }
            if (out.isEmpty() && f[0].strip().equals("column") && f[1].strip().equals("na_codes")) {
                continue;
            }
            add(out, file, i + 1L, f[0].strip(), List.of(f[1].split(",", -1)));
        }
        return out;
    }

    private static Map<String, Set<String>> yaml(Path file) {
        Node root = YamlInput.read(file, Yaml::compose);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        if (!(root instanceof MappingNode top)) {
            throw new InputException(file, line(root), null, "expected a mapping with the key 'na_codes'");
        }
        for (NodeTuple t : top.getValue()) {
            String key = scalar(file, t.getKeyNode(), null);
            if (!key.equals("na_codes")) {
                throw new InputException(file, line(t.getKeyNode()), key, "unknown key; the schema has 'na_codes' "
                        + "only");
            }
            if (!(t.getValueNode() instanceof MappingNode columns)) {
                throw new InputException(file, line(t.getValueNode()), key, "expected a mapping column: codes");
            }
            for (NodeTuple c : columns.getValue()) {
                String column = scalar(file, c.getKeyNode(), key);
                Node v = c.getValueNode();
                List<String> codes;
                if (v instanceof SequenceNode seq) {
                    codes = seq.getValue().stream().map(n -> scalar(file, n, column)).toList();
                } else {
                    codes = List.of(scalar(file, v, column));
                }
                add(out, file, line(c.getKeyNode()), column, codes);
            }
        }
        return out;
    }

    private static void add(Map<String, Set<String>> out, Path file, long line, String column, List<String> codes) {
        if (out.containsKey(column)) {
            throw new InputException(file, line, column, "column given twice");
        }
        Set<String> set = new LinkedHashSet<>();
        for (String code : codes) {
            set.add(code.strip());
        }
        if (set.isEmpty()) {
            throw new InputException(file, line, column, "no missing-value code given");
        }
        out.put(column, set);
    }

    private static String scalar(Path file, Node n, String field) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new InputException(file, line(n), field, "expected a single value here");
    }

    private static long line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1L;
    }
}
