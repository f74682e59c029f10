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
        int code = Main.execute(withSparkBackend(args));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** {@code args} plus {@code --backend spark} when the command takes {@code --backend} and none was given. */
    static String[] withSparkBackend(String[] args) {
        List<String> given = Arrays.asList(args);
        if (given.stream().anyMatch(a -> a.equals("--backend") || a.startsWith("--backend="))) {
            return args;
        }
        CommandLine command = Main.commandLine();
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
}
