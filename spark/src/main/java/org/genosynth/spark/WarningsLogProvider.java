package org.genosynth.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding {@code ./genosynth --backend spark} runs Spark with ({@code -Dslf4j.provider=} this class): Spark's
 * warnings and errors on standard error, one line each (with the exception's stack when there is one), as the
 * launcher's log4j2 configuration printed them, without starting log4j2. Spark logs through SLF4J and configures log4j2
 * only when SLF4J is bound to it; log4j2's start (its configuration, plugins and appenders) was about a third of a
 * second of the Spark context's start, on the path every command waits on (docs/scale.md). Not registered as a
 * service: spark-submit users keep their cluster's log4j2 configuration.
 */
public final class WarningsLogProvider implements SLF4JServiceProvider {
    /** The launcher's log4j2 configuration, also in this jar: the loggers it sets to {@code error} are read there. */
    static final String LOG4J2_CONFIGURATION = "/genosynth-spark-log4j2.properties";
    /**
     * Spark's loggers whose warnings are expected on one machine (the large-task warning, a loopback hostname, the
     * missing native Hadoop library): only their errors are printed. The same list as where log4j2 does start.
     */
    private static final Set<String> ERRORS_ONLY = errorsOnly();

    private final ILoggerFactory loggers = name -> new WarningsLogger(name, System.err);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** The {@code logger.X.name} of every {@code logger.X.level = error} of {@link #LOG4J2_CONFIGURATION}. */
    static Set<String> errorsOnly() {
        Properties log4j2 = new Properties();
        try (InputStream in = WarningsLogProvider.class.getResourceAsStream(LOG4J2_CONFIGURATION)) {
            if (in == null) {
                throw new IllegalStateException(LOG4J2_CONFIGURATION + " is missing from the spark module's jar");
            }
            log4j2.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new HashSet<>();
        for (String key : log4j2.stringPropertyNames()) {
            if (key.startsWith("logger.") && key.endsWith(".level")
                    && "error".equalsIgnoreCase(log4j2.getProperty(key).strip())) {
                String name = log4j2.getProperty(key.substring(0, key.length() - ".level".length()) + ".name");
                if (name != null) {
                    names.add(name.strip());
                }
            }
        }
        return Set.copyOf(names);
    }

    /** True when SLF4J runs on this binding (Spark's log level is then this class's, not log4j2's). */
    public static boolean active() {
        return WarningsLogProvider.class.getName().equals(System.getProperty("slf4j.provider"));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    /** A logger that prints warnings (unless its name is in {@link #ERRORS_ONLY}) and errors. */
    static final class WarningsLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient PrintStream out;
        private final boolean warnings;
        private final String shortName;

        WarningsLogger(String name, PrintStream out) {
            this.name = name;
            this.out = out;
            this.warnings = !ERRORS_ONLY.contains(name);
            this.shortName = name.substring(name.lastIndexOf('.') + 1);
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return warnings;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                                                   Object[] arguments, Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
            synchronized (out) {
                out.println("genosynth: spark: " + level + " " + shortName + ": " + message);
                if (throwable != null) {
                    throwable.printStackTrace(out);
                }
            }
        }
    }
}
