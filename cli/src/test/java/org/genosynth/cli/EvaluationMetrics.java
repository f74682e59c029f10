package org.genosynth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The {@code metrics.json} of a {@code genosynth evaluate} run, read for assertions. */
final class EvaluationMetrics {
    private final Map<String, Object> tree;

    private EvaluationMetrics(Map<String, Object> tree) {
        this.tree = tree;
    }

    /** Reads {@code DIR/metrics.json} of an evaluate run's {@code --out DIR}. */
    static EvaluationMetrics read(Path evalDir) throws IOException {
        return new EvaluationMetrics(new org.yaml.snakeyaml.Yaml().load(Files.readString(evalDir.resolve(
                "metrics.json"))));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> judged(String key) {
        return (Map<String, Object>) ((Map<String, Object>) tree.get("verdicts")).get(key);
    }

    /** The judged metric's value. */
    double value(String key) {
        return ((Number) judged(key).get("value")).doubleValue();
    }

    /** The judged metric's verdict ("pass", "warn", "fail", "info", "n/a"). */
    String verdict(String key) {
        return (String) judged(key).get("verdict");
    }

    /** The judged metric's threshold text. */
    String threshold(String key) {
        return (String) judged(key).get("threshold");
    }

    /** A number of one area ("fidelity", "privacy", "utility", ...). */
    @SuppressWarnings("unchecked")
    double section(String area, String key) {
        return ((Number) ((Map<String, Object>) tree.get(area)).get(key)).doubleValue();
    }
}
