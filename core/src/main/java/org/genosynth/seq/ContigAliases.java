package org.genosynth.seq;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a contig name as written in one file to the name used in another (the "target" names, e.g. the reference
 * FASTA): exact match first, then the same name with or without a {@code chr} prefix ({@code chr1} = {@code 1},
 * {@code chrM} = {@code MT}), then explicit aliases given as {@code FROM=TO}.
 */
public final class ContigAliases {
    private final Map<String, String> exact = new HashMap<>();
    private final Map<String, String> loose = new HashMap<>();
    private final java.util.List<String> targets;

    /** Aliases towards {@code targetNames}, plus explicit {@code from -> to} pairs (may be empty). */
    public ContigAliases(Collection<String> targetNames, Map<String, String> explicit) {
        targets = java.util.List.copyOf(targetNames);
        for (String t : targetNames) {
            exact.put(t, t);
            loose.putIfAbsent(key(t), t);
        }
        for (Map.Entry<String, String> e : explicit.entrySet()) {
            exact.put(e.getKey(), e.getValue());
        }
    }

    /** The target name of {@code name}, or null when no target matches. */
    public String resolve(String name) {
        String hit = exact.get(name);
        return hit != null ? hit : loose.get(key(name));
    }

    /** The target names for a message: {@code its contigs: chr1, chr2} (the first five, and the count when more). */
    public String describeTargets() {
        return "its contigs: " + String.join(", ", targets.subList(0, Math.min(5, targets.size())))
                + (targets.size() > 5 ? ", ... (" + targets.size() + " in all)" : "");
    }

    /** Parses {@code FROM=TO} pairs (a comma-separated option). */
    public static Map<String, String> parsePairs(Collection<String> pairs) {
        Map<String, String> map = new HashMap<>();
        if (pairs != null) {
            for (String p : pairs) {
                int eq = p.indexOf('=');
                if (eq <= 0 || eq == p.length() - 1) {
                    throw org.genosynth.io.InputException.usage("--contig-alias '" + p + "': expected FROM=TO, e.g. chr1=1");
                }
                map.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return map;
    }

    private static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("chr")) {
            n = n.substring(3);
        }
        return n.equals("m") ? "mt" : n;
    }
}
