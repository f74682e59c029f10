package org.genosynth.spark;

import java.util.Arrays;
import java.util.List;
import org.genosynth.cli.Main;
import picocli.CommandLine;

/**
 * The genosynth command line on Spark: {@code spark-submit --class org.genosynth.spark.SparkMain genosynth-spark.jar
 * <command> ...}. Commands that take {@code --backend} run on Spark unless told otherwise; the others (e.g.
 * {@code split}, {@code relatives}) run on the driver as they do locally.
 */
public final class SparkMain {
    private SparkMain() {
    }

    public static void main(String[] args) {
        SparkBackend.trace("main");
        String[] withBackend = withSparkBackend(args);
        startSparkEarly(withBackend);
        SparkBackend.trace("command starting");
        int code = Main.execute(withBackend);
        SparkBackend.trace("command done");
        if (SparkBackendProvider.unclaimedEarly() || code != 0) {
            // a context started for a command that never asked for it (it failed first): exit now, without waiting
            // for it to finish starting (Spark's shutdown hook stops it if it did), as its threads would keep the JVM
            // alive
            System.exit(code);
        }
    }

    /** {@code args} plus {@code --backend spark} when the command takes {@code --backend} and none was given. */
    static String[] withSparkBackend(String[] args) {
        List<String> given = Arrays.asList(args);
        if (given.stream().anyMatch(a -> a.equals("--backend") || a.startsWith("--backend="))) {
            return args;
        }
        CommandLine command = Main.commandLineFor(args);
        for (String arg : args) {
            CommandLine sub = command.getSubcommands().get(arg);
            if (sub == null) {
                break;
            }
            command = sub;
        }
        if (command.getCommandSpec().findOption("--backend") == null) {
            return args;
        }
        String[] out = Arrays.copyOf(args, args.length + 2);
        out[args.length] = "--backend";
        out[args.length + 1] = "spark";
        return out;
    }

    /**
     * Starts the Spark context the command will run on now, so that Spark's start-up (about a second of class
     * initialization, the Hadoop configuration, the scheduler) overlaps the command's own (picocli, its checks, reading
     * the inputs). The master is read from the raw arguments ({@code --backend spark}, {@code --spark-master},
     * {@code --threads}/{@code -t}) without picocli, whose model of a command takes as long to build as the command
     * takes to reach its backend: a guess, which {@link SparkBackendProvider#open} checks against the parsed options
     * (a context for another master is stopped and the right one started). Nothing when the arguments do not ask
     * for Spark, or ask for help.
     */
    static void startSparkEarly(String[] args) {
        EarlyStart guess = earlyStart(args);
        if (guess != null) {
            SparkBackendProvider.startEarly(guess.master(), guess.threads());
        }
    }

    /** What {@link #startSparkEarly} reads from the arguments: the master (null: the default) and thread count. */
    record EarlyStart(String master, int threads) {
    }

    /** The master and threads {@code args} ask Spark for; null when they do not ask for Spark, or ask for help. */
    static EarlyStart earlyStart(String[] args) {
        String backend = null;
        String master = null;
        int threads = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String next = i + 1 < args.length ? args[i + 1] : null;
            if (a.equals("--")) {
                break;
            } else if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return null;
            } else if (a.equals("--backend") && next != null) {
                backend = next;
                i++;
            } else if (a.startsWith("--backend=")) {
                backend = a.substring("--backend=".length());
            } else if (a.equals("--spark-master") && next != null) {
                master = next;
                i++;
            } else if (a.startsWith("--spark-master=")) {
                master = a.substring("--spark-master=".length());
            } else if ((a.equals("--threads") || a.equals("-t")) && next != null) {
                threads = wholeNumber(next);
                i++;
            } else if (a.startsWith("--threads=")) {
                threads = wholeNumber(a.substring("--threads=".length()));
            }
        }
        return "spark".equalsIgnoreCase(backend) && threads >= 0 ? new EarlyStart(master, threads) : null;
    }

    /** A {@code --threads} value, -1 when it is not a whole number (the command line reports it). */
    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
