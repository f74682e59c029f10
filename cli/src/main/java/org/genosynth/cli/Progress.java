package org.genosynth.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.genosynth.exec.ProgressListener;

/**
 * Draws a progress bar on an interactive terminal; silent in pipes, CI and tests. Commands without a bar of their own
 * get a {@link #heartbeat}: the elapsed time once they have run for a few seconds.
 */
final class Progress implements ProgressListener, AutoCloseable {
    /** A command silent for this long on a terminal starts showing its elapsed time. */
    static final int HEARTBEAT_AFTER_SECONDS = 3;
    /** A bar of at most this many steps counts phases, not equal units of work: it shows no estimated time left. */
    static final int PHASES_AT_MOST = 20;
    private static final java.util.concurrent.atomic.AtomicInteger OPEN_BARS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static volatile int heartbeatWidth;

    private final boolean interactive;
    private ProgressBar bar;

    private Progress(boolean interactive) {
        this.interactive = interactive;
    }

    /** A bar when stderr is a terminal, otherwise a silent listener. */
    static Progress forTerminal() {
        return new Progress(interactive());
    }

    private static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null && !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * On a terminal, shows {@code genosynth COMMAND: working, N s} on stderr once the command has run
     * {@link #HEARTBEAT_AFTER_SECONDS} seconds, updated every second, whenever no progress bar is open; the line is
     * cleared when the returned handle closes. Elsewhere does nothing.
     */
    static AutoCloseable heartbeat(String command) {
        if (command == null || !interactive()) {
            return () -> { };
        }
        long t0 = System.nanoTime();
        java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "genosynth-heartbeat");
                    t.setDaemon(true);
                    return t;
                });
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        // whatever the command prints first clears the heartbeat line, so output never lands behind it
        System.setOut(new java.io.PrintStream(new ClearingStream(out), true));
        System.setErr(new java.io.PrintStream(new ClearingStream(err), true));
        timer.scheduleAtFixedRate(() -> drawHeartbeat(err, String.format(java.util.Locale.ROOT,
                "genosynth %s: working, %d s", command, (System.nanoTime() - t0) / 1_000_000_000L)),
                HEARTBEAT_AFTER_SECONDS, 1, java.util.concurrent.TimeUnit.SECONDS);
        return () -> {
            timer.shutdownNow();
            clearHeartbeat();
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        };
    }

    private static synchronized void drawHeartbeat(java.io.PrintStream err, String line) {
        if (OPEN_BARS.get() == 0) {
            heartbeatWidth = line.length();
            err.print("\r" + line);
            err.flush();
        }
    }

    /** Clears the heartbeat line before passing bytes on. */
    private static final class ClearingStream extends java.io.OutputStream {
        private final java.io.PrintStream inner;

        ClearingStream(java.io.PrintStream inner) {
            this.inner = inner;
        }

        @Override
        public void write(int b) {
            clearHeartbeat();
            inner.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            clearHeartbeat();
            inner.write(b, off, len);
        }

        @Override
        public void flush() {
            inner.flush();
        }
    }

    private static final java.io.PrintStream TERMINAL = System.err;

    private static synchronized void clearHeartbeat() {
        int width = heartbeatWidth;
        if (width > 0) {
            heartbeatWidth = 0;
            TERMINAL.print("\r" + " ".repeat(width) + "\r");
            TERMINAL.flush();
        }
    }

    @Override
    public void start(String task, long total) {
        close();
        if (interactive) {
            OPEN_BARS.incrementAndGet();
            clearHeartbeat();
            ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                    .setConsumer(new ConsoleProgressBarConsumer(System.err));
            if (total <= PHASES_AT_MOST) {
                // a few phases of unequal length (synth's 6): a time left from their count would be wrong
                builder.hideEta();
            }
            bar = builder.build();
        }
    }

    @Override
    public void update(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
            OPEN_BARS.decrementAndGet();
        }
    }
}
