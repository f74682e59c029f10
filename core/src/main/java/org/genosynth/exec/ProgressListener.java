package org.genosynth.exec;

/** Receives progress of a long pass: the library reports, the command line decides whether to draw a bar. */
public interface ProgressListener {
    /** Ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void update(long done) {
        }
    };

    /** A pass starts; {@code total} is -1 when unknown. */
    void start(String task, long total);

    /** Units done so far in the current pass. */
    void update(long done);

    /** What the current pass is doing now (a phase name), shown beside the bar. */
    default void message(String text) {
    }

    /** Moves a pass of named phases on: {@code done} phases finished, {@code next} starting. */
    default void phase(long done, String next) {
        update(done);
        message(next);
    }
}
