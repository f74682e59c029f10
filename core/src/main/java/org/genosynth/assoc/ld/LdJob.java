package org.genosynth.assoc.ld;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.assoc.kinship.StructureInput;
import org.genosynth.exec.Backend;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.AtomicOutput;
import org.genosynth.model.GenotypeMatrix;

/** {@code genosynth ld}: the r<sup>2</sup> table and/or {@code --indep-pairwise} pruning lists. */
public final class LdJob {
    private LdJob() {
    }

    /** Pruning parameters (window and step in variants). */
    public record Prune(int window, int step, double r2) {
    }

    /**
     * @param input     the cohort
     * @param outPrefix output prefix
     * @param table     the r2 table window, or null for no table
     * @param prune     pruning parameters, or null for no pruning
     */
    public record Request(StructureInput input, String outPrefix, LdTable.Window table, Prune prune) {
    }

    /** What was written. */
    public record Summary(int variants, long pairsWritten, int pruneIn, int pruneOut, List<Path> outputs) {
        public String render() {
            StringBuilder sb = new StringBuilder().append(variants).append(" variants");
            if (pruneIn + pruneOut > 0) {
                sb.append("; --indep-pairwise: ").append(pruneOut).append(" of ").append(variants)
                        .append(" removed, ").append(pruneIn).append(" kept");
            }
            sb.append('\n');
            for (Path p : outputs) {
                sb.append("  ").append(p).append('\n');
            }
            return sb.toString();
        }
    }

    /** Runs on a thread pool of the input's {@code threads} workers. */
    public static Summary run(Request request) {
        try (ExecutionContext context = ExecutionContext.local(request.input().threads())) {
            return run(request, context);
        }
    }

    /** Loads the input and writes the r² table and/or the pruning lists; table blocks run on {@code context}. */
    public static Summary run(Request request, ExecutionContext context) {
        GenotypeMatrix m = request.input().load();
        LdPairs pairs = new LdPairs(m);
        List<Path> outputs = new ArrayList<>();
        long written = 0;
        int in = 0;
        int outCount = 0;
        Backend backend = context.backend();
        try (AtomicOutput out = new AtomicOutput()) {
            if (request.table() != null) {
                Path vcor = Path.of(request.outPrefix() + ".vcor");
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out.temp(vcor)), 1 << 20)) {
                    written = LdTable.write(pairs, request.table(), os, backend);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                outputs.add(vcor);
            }
            if (request.prune() != null) {
                Prune p = request.prune();
                boolean[] removed = IndepPairwise.prune(pairs, p.window(), p.step(), p.r2());
                Path pin = Path.of(request.outPrefix() + ".prune.in");
                Path pout = Path.of(request.outPrefix() + ".prune.out");
                try (Writer wi = Files.newBufferedWriter(out.temp(pin), StandardCharsets.UTF_8);
                     Writer wo = Files.newBufferedWriter(out.temp(pout), StandardCharsets.UTF_8)) {
                    for (int v = 0; v < removed.length; v++) {
                        (removed[v] ? wo : wi).write(m.variants().get(v).id() + "\n");
                        if (removed[v]) {
                            outCount++;
                        } else {
                            in++;
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                outputs.add(pin);
                outputs.add(pout);
            }
            out.commit();
        }
        return new Summary(m.variantCount(), written, in, outCount, outputs);
    }
}
