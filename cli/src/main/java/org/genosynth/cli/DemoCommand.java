package org.genosynth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.assoc.Model;
import org.genosynth.eval.Evaluation;
import org.genosynth.eval.EvaluationRequest;
import org.genosynth.eval.TrainHoldoutSplit;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.InputException;
import org.genosynth.io.StagingDirectory;
import org.genosynth.synth.SynthRequest;
import org.genosynth.synth.SynthResult;
import org.genosynth.synth.Synthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth demo}: the seeds' mouse experiment, end to end, on the bundled cohort. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The seeds' mouse experiment on the bundled example (1,940 heterogeneous-stock mice x 12,226 "
            + "SNPs, examples/mouse_hs1940), in one command: a 70/30 train/holdout split, a synthetic cohort the size "
            + "of the training set made from the training set only (synth's default settings: the generator chosen by "
            + "measurement, with synthetic CD8 phenotypes), "
            + "then the evaluation against the training set with the holdout as the privacy reference and an LMM "
            + "GWAS of CD8 (phenotype 1) on both sides. Writes DIR/report.html and DIR/metrics.json (and the split, "
            + "synthetic cohort and GWAS tables under DIR)."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./genosynth demo", "  ./genosynth demo --out /tmp/demo"})
final class DemoCommand implements Callable<Integer> {
    /** Settings of the experiment (recorded in the synthetic cohort's manifest). */
    static final long SEED = 1;
    static final double FRACTION = 0.7;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "work/demo",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: all processors).")
    int threads;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() throws Exception {
        try (ExecutionContext context = execution.open(threads, null)) {
            return run(context);
        }
    }

    private int run(ExecutionContext context) throws Exception {
        Path dir = exampleDir();
        StagingDirectory.refuseInputsInside(out, List.of(dir));
        // every step writes into a staging sibling of --out; it all appears under --out together at the end
        StagingDirectory stage = StagingDirectory.open(out);
        Path out = stage.path();
        long t0 = System.nanoTime();
        System.out.println("genosynth demo: the mouse experiment on " + dir);
        System.out.println("source: GEMMA example data (Valdar et al. 2006), GPL-3; see examples/README.md");
        String split = out.resolve("split").resolve("mouse").toString();
        Files.createDirectories(out.resolve("split"));
        TrainHoldoutSplit.Result s = TrainHoldoutSplit.run(new TrainHoldoutSplit.Request(
                dir.resolve("mouse_hs1940.bed.gz"), null, FRACTION, SEED, split, dir.resolve("mouse_hs1940.pheno.txt.gz")));
        step(t0, String.format(Locale.ROOT, "1. split: %,d training mice, %,d holdout mice", s.trainCount(),
                s.holdoutCount()));
        Path train = Path.of(split + ".train");
        Path trainPheno = Path.of(split + ".train.pheno.tsv");
        Files.createDirectories(out.resolve("synthetic"));
        String syn = out.resolve("synthetic").resolve("mouse").toString();
        SynthResult r;
        try (Progress progress = Progress.forTerminal()) {
            r = Synthesizer.run(new SynthRequest(train, null, trainPheno, List.of("1"), null, 0, 0, null,
                    SynthRequest.Method.AUTO, SEED, syn, GenotypeFormat.BED, null, null, 2, threads),
                    context.withProgress(progress));
        }
        Object method = r.manifest().get("method");
        step(t0, String.format(Locale.ROOT, "2. synth (defaults): %,d synthetic mice (%s chosen by measurement%s, max "
                + "kinship to a real mouse %.3f), synthetic CD8", r.samples(), method, "mosaic".equals(method)
                ? String.format(Locale.ROOT, ", mean segment %.0f cM", r.segmentCm()) : "", r.maxKinship()));
        Evaluation.Result e;
        try (Progress progress = Progress.forTerminal()) {
            e = Evaluation.run(new EvaluationRequest(Path.of(split + ".train.bed"), Path.of(syn + ".bed"),
                    Path.of(split + ".holdout.bed"), null, trainPheno, Path.of(syn + ".pheno.tsv"), "1", null, null,
                    null, Model.LMM, null, 0, 0, out, SEED, threads, Path.of(split + ".holdout.pheno.tsv")),
                    context.withProgress(progress));
        }
        step(t0, "3. evaluate: fidelity, LMM GWAS of CD8 on both cohorts, privacy against the holdout");
        System.out.println();
        stage.publish();
        System.out.println(stage.finalText(e.render()));
        return 0;
    }

    private static void step(long t0, String what) {
        System.out.printf(Locale.ROOT, "[%5.1f s] %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    /** The bundled examples: {@code $GENOSYNTH_HOME/examples/mouse_hs1940}, else relative to the working directory. */
    static Path exampleDir() {
        String home = System.getProperty("genosynth.home");
        Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        Path dir = base.resolve("examples").resolve("mouse_hs1940");
        if (!Files.isDirectory(dir)) {
            throw InputException.inFile(dir, "bundled example not found; run the demo through the ./genosynth "
                    + "launcher at the repository root");
        }
        return dir;
    }
}
