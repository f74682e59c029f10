package org.genosynth.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.genosynth.exec.ProgressListener;

/** Draws a progress bar on an interactive terminal; silent in pipes, CI and tests. */
final class Progress implements ProgressListener, AutoCloseable {
    private final boolean interactive;
    private ProgressBar bar;

    private Progress(boolean interactive) {
        this.interactive = interactive;
    }

    /** A bar when stderr is a terminal, otherwise a silent listener. */
    static Progress forTerminal() {
        return new Progress(System.console() != null && System.getenv("CI") == null
                && !"dumb".equals(System.getenv("TERM")));
    }

    @Override
    public void start(String task, long total) {
        close();
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).continuousUpdate()
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }
    }

    @Override
    public void update(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
