package org.genosynth.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;

/**
 * The java.util.logging configuration of a command-line run ({@code java.util.logging.config.class}): the runtime's
 * defaults ({@code conf/logging.properties}) with netlib's INFO lines (its BLAS choice, which the LMM and PCA logs
 * record) turned off. Named by a system property instead of configured up front, so java.util.logging, which takes
 * tens of milliseconds to start, starts only in commands that log (those that load netlib); qc never does.
 */
public final class LoggingDefaults {
    /** Logger names whose INFO messages are not shown. */
    static final String QUIET = "dev.ludovic.netlib";

    /** Reads the configuration into the log manager (called by {@link LogManager} when it starts). */
    public LoggingDefaults() throws IOException {
        ByteArrayOutputStream config = new ByteArrayOutputStream();
        Path defaults = Path.of(System.getProperty("java.home"), "conf", "logging.properties");
        if (Files.isReadable(defaults)) {
            try (InputStream in = Files.newInputStream(defaults)) {
                in.transferTo(config);
            }
        } else {
            config.writeBytes(("handlers = java.util.logging.ConsoleHandler\n.level = INFO\n"
                    + "java.util.logging.ConsoleHandler.level = INFO\n"
                    + "java.util.logging.ConsoleHandler.formatter = java.util.logging.SimpleFormatter\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        config.writeBytes(("\n" + QUIET + ".level = WARNING\n").getBytes(StandardCharsets.ISO_8859_1));
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(config.toByteArray()));
    }

    /**
     * Names this class as the logging configuration for when java.util.logging starts, unless the user configured
     * logging already. Call before anything can have started it (the start of {@code main}).
     */
    static void useWhenLoggingStarts() {
        if (System.getProperty("java.util.logging.config.class") == null
                && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.config.class", LoggingDefaults.class.getName());
        }
    }
}
