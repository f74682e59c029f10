package org.genosynth.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.genosynth.io.Fileset;
import org.genosynth.io.InputException;
import org.genosynth.io.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code genosynth} command: dispatches to one subcommand per job. */
@Command(name = "genosynth", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Synthetic genomic data that keeps the science and protects the people.%n",
        footerHeading = "%nExamples:%n",
        footer = {"  ./genosynth demo --out demo/                          # split, synthesize, evaluate the mice",
            "  ./genosynth qc --input data.bed --out qc/data         # plink2-style .afreq .vmiss .smiss .hardy",
            "  ./genosynth convert --input data.vcf.gz --out data.bed",
            "  ./genosynth gwas --input data.bed --pheno pheno.txt --pheno-col 1 --covar pcs.eigenvec --out gwas/data",
            "  ./genosynth kinship --input data.bed --out rel/data   # KING-robust table (plink2 .kin0)",
            "  ./genosynth pca --input data.bed --out pca/data       # PCs + variant weights (plink2 .eigenvec)",
            "  ./genosynth ld --input data.bed --indep-pairwise 50 5 0.2 --out ld/data",
            "  ./genosynth split --input data.bed --fraction 0.7 --seed 1 --out split/data",
            "  ./genosynth synth --input train.bed --pheno train.pheno.tsv --n 1000 --seed 1 --out syn/data",
            "  ./genosynth evaluate --real train.bed --synthetic syn.bed --holdout holdout.bed --out eval/",
            "  ./genosynth table synth --input train.csv --method cart --seed 1 --out syn.csv   # clinical tables",
            "  ./genosynth spike --input cohort.vcf.gz --variants spikes.vcf --design design.yaml --out spiked/c",
            "  ./genosynth reads --reference ref.fa --vcf spiked/c.vcf.gz --sample S1 --coverage 30 --out sim/S1",
            "  ./genosynth compare --truth sim/S1.golden.vcf.gz --calls calls.vcf.gz --reference ref.fa --out qc/S1",
            "  ./genosynth pheno simulate --input data.bed --causal 10 --h2 0.5 --prevalence 0.1 --out sim/data",
            "  ./genosynth relatives --input data.bed --pedigree full-siblings=20,first-cousins=20 --out rel/data",
            "  ./genosynth watermark add --input data.bed --pheno pheno.tsv --pheno-col Y --out wm/data",
            "  ./genosynth benchmark --config examples/recipes/syngen6_mouse.yaml --out work/bench/mouse",
            "  ./genosynth qc --help                                 # the options of one command, with examples",
            "", "Errors in inputs or options exit with code 2 and one line naming file, line and field."})
public final class Main implements Runnable {
    /** Exit code for user errors (bad input file or option). */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * netlib announces its BLAS choice on stderr through java.util.logging (the LMM and PCA logs record it); in an
     * embedding JVM (tests, Spark) whose logging has started already its level is set here, and kept referenced.
     */
    private static java.util.logging.Logger netlibLog;

    public static void main(String[] args) {
        LoggingDefaults.useWhenLoggingStarts();
        System.exit(run(args));
    }

    /** The subcommands, in help order; each built only when needed. */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("demo", DemoCommand::new);
        COMMANDS.put("qc", QcCommand::new);
        COMMANDS.put("convert", ConvertCommand::new);
        COMMANDS.put("gwas", GwasCommand::new);
        COMMANDS.put("kinship", KinshipCommand::new);
        COMMANDS.put("pca", PcaCommand::new);
        COMMANDS.put("ld", LdCommand::new);
        COMMANDS.put("split", SplitCommand::new);
        COMMANDS.put("synth", SynthCommand::new);
        COMMANDS.put("evaluate", EvaluateCommand::new);
        COMMANDS.put("table", TableCommand::new);
        COMMANDS.put("reference", ReferenceCommand::new);
        COMMANDS.put("spike", SpikeCommand::new);
        COMMANDS.put("reads", ReadsCommand::new);
        COMMANDS.put("reads-model", ReadsModelCommand::new);
        COMMANDS.put("compare", CompareCommand::new);
        COMMANDS.put("pheno", PhenoCommand::new);
        COMMANDS.put("relatives", RelativesCommand::new);
        COMMANDS.put("watermark", WatermarkCommand::new);
        COMMANDS.put("benchmark", BenchmarkCommand::new);
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        quietNetlib();
        return run(args);
    }

    private static synchronized void quietNetlib() {
        if (netlibLog == null) {
            netlibLog = java.util.logging.Logger.getLogger(LoggingDefaults.QUIET);
            netlibLog.setLevel(java.util.logging.Level.WARNING);
        }
    }

    private static int run(String... args) {
        String command = args.length > 0 && COMMANDS.containsKey(args[0]) ? args[0] : null;
        try (AutoCloseable heartbeat = Progress.heartbeat(command)) {
            return commandLine(command).execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println(outOfMemory());
            return USER_ERROR;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one line for a command that ran out of heap: what the limit is and how to raise it. */
    static String outOfMemory() {
        long max = Runtime.getRuntime().maxMemory();
        return String.format(java.util.Locale.ROOT, "genosynth: error: out of memory: this Java may use %.1f GB (-Xmx); "
                + "raise it, e.g. GENOSYNTH_JAVA_OPTS=-Xmx%dg, or ask for less (fewer samples or variants); no output "
                + "was written", max / (double) (1L << 30), Math.max(2, (long) Math.ceil(2.0 * max / (1L << 30))));
    }

    /**
     * The configured picocli command line for running {@code args}: with only the subcommand {@code args[0]} names
     * when it names one (as {@link #execute} builds it), else with every subcommand.
     */
    public static CommandLine commandLineFor(String... args) {
        quietNetlib();
        return commandLine(args.length > 0 && COMMANDS.containsKey(args[0]) ? args[0] : null);
    }

    /** The configured picocli command line with every subcommand. */
    public static CommandLine commandLine() {
        quietNetlib();
        return commandLine(null);
    }

    /**
     * The command line; when {@code subcommand} names one, only that one is built (picocli reflects over every
     * registered command at start-up, which costs tens of milliseconds per run).
     */
    static CommandLine commandLine(String subcommand) {
        CommandLine cl = new CommandLine(new Main());
        boolean single = subcommand != null && COMMANDS.containsKey(subcommand);
        for (Map.Entry<String, Supplier<Object>> e : COMMANDS.entrySet()) {
            if (!single || e.getKey().equals(subcommand)) {
                cl.addSubcommand(e.getKey(), e.getValue().get());
            }
        }
        if (!single) {
            // "genosynth help CMD"; a run of one named command cannot reach it (and skips building it)
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        cl.setUsageHelpWidth(120);
        cl.setExecutionExceptionHandler(Main::handleException);
        cl.setExecutionStrategy(Main::executeAsFileset);
        cl.setParameterExceptionHandler(Main::handleParameterException);
        return cl;
    }

    /** Notes about the inputs (e.g. a BIMBAM file without annotation), printed once the command has succeeded. */
    private static final java.util.List<String> INPUT_NOTES = new java.util.ArrayList<>();

    /**
     * Adds a note printed on stderr after the command succeeds (a failing command prints only its error line); a note
     * already added is not added again.
     */
    static void noteAfterSuccess(String note) {
        if (!INPUT_NOTES.contains(note)) {
            INPUT_NOTES.add(note);
        }
    }


    /** The command list of {@code genosynth --help}: one line per command, the first sentence of its description. */
    private static String commandList(CommandLine.Help help) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, CommandLine> e : help.commandSpec().commandLine().getSubcommands().entrySet()) {
            String[] description = e.getValue().getCommandSpec().usageMessage().description();
            String first = description.length == 0 ? "" : description[0].replace("%n", " ");
            int end = first.indexOf(". ");
            if (end > 0) {
                first = first.substring(0, end + 1);
            }
            if (first.length() > 100) {
                int cut = first.lastIndexOf(' ', 97);
                first = first.substring(0, cut > 0 ? cut : 97) + " ...";
            }
            sb.append(String.format("  %-12s %s%n", e.getKey(), first));
        }
        return sb.toString();
    }

    /**
     * Runs the chosen command inside one {@link Fileset}: its option-named files are registered as inputs (an output
     * that is one of them is refused), and its outputs are published together only when it completes.
     */
    private static int executeAsFileset(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        Object command = leaf.commandSpec().userObject();
        boolean pipeline = command instanceof DemoCommand || command instanceof BenchmarkCommand;
        try (Fileset fileset = Fileset.open(pipeline)) {
            try {
                for (CommandLine.Model.OptionSpec o : leaf.matchedOptions()) {
                    if (o.longestName().equals("--out")) {
                        checkOut(o);
                    } else {
                        OptionChecks.check(o);
                        registerInputs(o.getValue());
                    }
                }
            } catch (InputException e) {
                throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), e.getMessage(), e);
            }
            for (CommandLine.Model.PositionalParamSpec p : leaf.matchedPositionals()) {
                registerInputs(p.getValue());
            }
            INPUT_NOTES.clear();
            try {
                int code;
                try {
                    code = new CommandLine.RunLast().execute(parsed);
                } catch (RuntimeException e) {
                    throw namingStreamedOutputs(e, fileset, leaf.commandSpec().commandLine());
                }
                try {
                    fileset.publish();
                } catch (RuntimeException e) {
                    throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), "publishing outputs", e);
                }
                if (code == 0) {
                    fileset.warnings().forEach(w -> System.err.println("genosynth: warning: " + Messages.clean(w)));
                    INPUT_NOTES.forEach(n -> System.err.println("genosynth: note: " + n));
                }
                return code;
            } finally {
                INPUT_NOTES.clear();
            }
        }
    }

    /**
     * htsjdk reports a failed write to a BGZF stream (VCF.gz, BCF) as "Write error; ... streamed file (filename not
     * available)", and the operating system's "No space left on device" names no file either: the run's outputs being
     * written are named instead.
     */
    /** Operating-system write failures whose text never names the file (ENOSPC, EFBIG, EDQUOT). */
    private static final java.util.regex.Pattern WRITE_FAILURE = java.util.regex.Pattern.compile(
            "No space left on device|File too large|Disk quota exceeded");

    private static RuntimeException namingStreamedOutputs(RuntimeException e, Fileset fileset, CommandLine cl) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && (t.getMessage().contains("filename not available")
                    || t instanceof java.io.IOException && !(t instanceof java.nio.file.FileSystemException)
                    && WRITE_FAILURE.matcher(t.getMessage()).find())) {
                Throwable io = t;
                while (io != null && !(io instanceof java.io.IOException)) {
                    io = io.getCause();
                }
                java.util.List<java.nio.file.Path> outputs = fileset.outputsInProgress();
                String names = outputs.isEmpty() ? "the outputs" : outputs.stream().map(Object::toString)
                        .collect(java.util.stream.Collectors.joining(", "));
                // picocli hands the handler the cause: the names go into it
                return new CommandLine.ExecutionException(cl, "cannot write " + names, io != null
                        ? new java.io.IOException("cannot write " + names + ": " + io.getMessage(), io)
                        : InputException.usage("cannot write " + names + ": a write error (check free disk space and "
                        + "permissions)"));
            }
        }
        return e;
    }

    /** An empty --out, or a prefix naming a directory, would write hidden files such as {@code .afreq}. */
    private static void checkOut(CommandLine.Model.OptionSpec o) {
        // as typed: a Path value has lost its trailing slash
        java.util.List<String> typed = o.originalStringValues();
        String value = typed.isEmpty() ? String.valueOf((Object) o.getValue()) : typed.get(typed.size() - 1);
        if (value.isBlank()) {
            throw InputException.usage("--out is empty; give an output path or prefix such as out/data");
        }
        boolean directory = value.endsWith("/") || value.endsWith(java.io.File.separator) || value.endsWith("/.")
                || value.equals(".") || value.equals("..") || value.endsWith("/..");
        if (directory && !o.paramLabel().equals("DIR")) {
            // a prefix would make hidden files (dir/.afreq); a file name would lose the slash (convert wrote dir.bed)
            throw InputException.usage("--out '" + value + "' names a directory, not a "
                    + (o.paramLabel().equals("PREFIX") ? "prefix: the outputs would be hidden files" : "file name or "
                    + "prefix: the output would be written beside it") + "; give e.g. "
                    + (value.equals(".") ? "" : value.replaceFirst("/?\\.?$", "/")) + "data");
        }
    }

    private static void registerInputs(Object value) {
        if (value instanceof java.nio.file.Path p) {
            Fileset.input(p);
        } else if (value instanceof java.io.File f) {
            Fileset.input(f.toPath());
        } else if (value instanceof java.util.Collection<?> c) {
            c.forEach(Main::registerInputs);
        }
    }

    private static int handleException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable cause = e;
        while (cause != null && !(cause instanceof InputException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InputException ie) {
            err.println("genosynth: error: " + Messages.clean(ie.getMessage()));
            err.flush();
            return USER_ERROR;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                err.println(outOfMemory());
                err.flush();
                return USER_ERROR;
            }
        }
        Throwable io = e;
        while (io != null && !(io instanceof java.io.IOException)) {
            io = io.getCause();
        }
        if (io != null) {
            String context = io == e || e.getMessage() == null || e.getMessage().equals(io.toString()) ? ""
                    : Messages.clean(e.getMessage()) + ": ";
            err.println("genosynth: error: " + context + Messages.describe((java.io.IOException) io)
                    + " (check free disk space and permissions)");
            err.flush();
            return USER_ERROR;
        }
        String spark = sparkFailure(e);
        if (spark != null) {
            err.println("genosynth: error: " + spark);
            err.flush();
            return USER_ERROR;
        }
        err.println("genosynth: internal error (please report it with the command line): " + e);
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    /**
     * A failed Spark job as one line ("the Spark job failed: " and Spark's reason, e.g. a result larger than
     * spark.driver.maxResultSize or a lost executor), or null when {@code e} is not one. Spark's own log, above it on
     * stderr, has the executors' side. Matched by class name: the cli does not depend on Spark.
     */
    static String sparkFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("SparkException") && t.getMessage() != null) {
                String reason = t.getMessage().lines().findFirst().orElse("").trim()
                        .replaceFirst("^Job aborted due to stage failure: ", "");
                return "the Spark job failed: " + reason + " (Spark's log above has the executors' side)";
            }
        }
        return null;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        // one line, like every other user error: the hint to --help goes on the same line
        err.println("genosynth: error: " + Messages.clean(String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; ")
                .replace("' is not an int", "' is not a whole number from -2147483648 to 2147483647")
                .replace("' is not a long", "' is not a whole number of at most 19 digits")) + " (try '"
                + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USER_ERROR;
    }
}
