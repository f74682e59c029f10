package org.genosynth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genosynth.io.InputException;
import org.genosynth.qc.QcPipeline;
import org.genosynth.qc.QcRequest;
import org.genosynth.qc.QcSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code genosynth demo}: the main job on the bundled mouse cohort. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run genosynth on the bundled example (1,940 heterogeneous-stock mice x 12,226 SNPs, "
            + "examples/mouse_hs1940): for now the QC of the cohort, written to DIR and summarised here."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./genosynth demo", "  ./genosynth demo --out /tmp/demo"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "genosynth-demo",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: all processors).")
    int threads;

    @Override
    public Integer call() throws Exception {
        Path example = exampleDir().resolve("mouse_hs1940.bed.gz");
        Files.createDirectories(out);
        String prefix = out.resolve("mouse_hs1940").toString();
        QcRequest request = new QcRequest(example, null, null, null, null, null, null, false, threads);
        System.out.println("genosynth demo: QC of the bundled mouse cohort (" + example.getParent() + ")");
        System.out.println("source: GEMMA example data (Valdar et al. 2006), GPL-3; see examples/README.md");
        System.out.println();
        QcSummary summary;
        try (Progress progress = Progress.forTerminal()) {
            summary = QcPipeline.run(request, new QcPipeline.Sinks(prefix, true, null, progress));
        }
        System.out.println(summary.render());
        System.out.println();
        System.out.println("Things to notice: this is a real cohort with real quirks. Variants with unknown position "
                + "(bp -9) and\nmonomorphic sites are kept and counted; the .fam parents are strain labels, not "
                + "samples, so\nevery mouse counts as a founder. Open " + prefix + ".hardy to see Hardy-Weinberg "
                + "per SNP.");
        return 0;
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
