package org.genosynth.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One run of the command line in-process, with everything it prints captured. System.out/err are swapped before the
 * command line is built (commands print their summaries there, and picocli derives writers from them).
 *
 * @param exitCode the exit code
 * @param err      everything written to standard error
 * @param out      everything written to standard output
 */
record CliRun(int exitCode, String err, String out) {

    /** Runs {@code args}. */
    static CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        StringWriter picocliOut = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(picocliOut, true));
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new CliRun(code, err + sysErr.toString(StandardCharsets.UTF_8),
                picocliOut + sysOut.toString(StandardCharsets.UTF_8));
    }
}
