package org.genosynth.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.io.InputException;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of a YAML document that remembers its file, line and dotted key, so every error is one line naming the file,
 * the line, the key and what is wrong. Scalars are kept as text and parsed on request.
 */
final class YamlNode {
    private final Path file;
    private final String key;
    private final Node node;

    private YamlNode(Path file, String key, Node node) {
        this.file = file;
        this.key = key;
        this.node = node;
    }

    /** Parses {@code file}; the root must be a mapping. */
    static YamlNode read(Path file) {
        Node root = org.genosynth.io.YamlInput.read(file, Yaml::compose);
        if (!(root instanceof MappingNode)) {
            throw InputException.inFile(file, "expected a YAML mapping of recipe sections");
        }
        return new YamlNode(file, null, root);
    }

    Path file() {
        return file;
    }

    String key() {
        return key;
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    /** An error about this node. */
    InputException error(String message) {
        return new InputException(file, line(), key, message);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** The children of a mapping, in document order. */
    Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode m)) {
            throw error("expected a mapping (key: value lines)");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
            String path = key == null ? k : key + "." + k;
            if (out.containsKey(k)) {
                throw new InputException(file, t.getKeyNode().getStartMark().getLine() + 1L, path, "duplicate key");
            }
            out.put(k, new YamlNode(file, path, t.getValueNode()));
        }
        return out;
    }

    /** The children of a mapping after checking that every key is one of {@code allowed}. */
    Map<String, YamlNode> entries(Set<String> allowed) {
        Map<String, YamlNode> out = entries();
        for (YamlNode child : out.values()) {
            String k = child.key.substring(child.key.lastIndexOf('.') + 1);
            if (!allowed.contains(k)) {
                throw child.error("unknown key (expected one of " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
        return out;
    }

    /** The items of a sequence. */
    List<YamlNode> items() {
        if (!(node instanceof SequenceNode s)) {
            throw error("expected a list such as [a, b]");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(new YamlNode(file, key + "[" + i + "]", s.getValue().get(i)));
        }
        return out;
    }

    /** The text of a scalar. */
    String text() {
        if (!(node instanceof ScalarNode s)) {
            throw error("expected a single value, not a " + (isMapping() ? "mapping" : "list"));
        }
        return s.getValue();
    }

    double number() {
        String t = text().strip();
        try {
            double v = Double.parseDouble(t);
            if (Double.isNaN(v)) {
                throw error("'" + t + "' is not a number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("'" + t + "' is not a number");
        }
    }

    /** A number in {@code [lo, hi]} (either bound inclusive as named). */
    double number(double lo, boolean loInclusive, double hi, boolean hiInclusive) {
        double v = number();
        if (v < lo || v > hi || !loInclusive && v == lo || !hiInclusive && v == hi) {
            throw error("must be in " + (loInclusive ? "[" : "(") + fmt(lo) + ", " + fmt(hi)
                    + (hiInclusive ? "]" : ")") + ", got " + text().strip());
        }
        return v;
    }

    /** A whole number of at least {@code min}. */
    long whole(long min) {
        String t = text().strip();
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw error("'" + t + "' is not a whole number");
        }
        if (v < min) {
            throw error("must be at least " + min + ", got " + v);
        }
        return v;
    }

    boolean bool() {
        String t = text().strip().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("expected true or false, got '" + text() + "'");
        };
    }

    /** A path, resolved against the recipe's directory; must exist when {@code mustExist}. */
    Path path(boolean mustExist) {
        Path p = file.toAbsolutePath().getParent().resolve(text().strip()).normalize();
        if (mustExist && !Files.exists(p) && !plinkPrefixExists(p)) {
            throw error("no such file: " + p);
        }
        return p;
    }

    private static boolean plinkPrefixExists(Path p) {
        return Files.exists(Path.of(p + ".bed")) || Files.exists(Path.of(p + ".bed.gz"));
    }

    /** One of {@code choices}. */
    String choice(String... choices) {
        String t = text().strip().toLowerCase(java.util.Locale.ROOT);
        for (String c : choices) {
            if (c.equals(t)) {
                return c;
            }
        }
        throw error("expected one of " + String.join(", ", choices) + ", got '" + text() + "'");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
