package org.genosynth.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A set of output files written under temporary names and renamed to their final names by {@link #commit()}, one
 * after the other once all are complete.
 * Closing without committing deletes the temporary files, so an interrupted or failed run never leaves a file that
 * looks finished. Inside a command run, commit hands the files to the run's {@link Fileset}, which publishes all the
 * command's outputs together, and a target that is one of the run's inputs is refused.
 */
public final class AtomicOutput implements AutoCloseable {
    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();
    private final Map<Path, Path> tempToFinal = new LinkedHashMap<>();
    private boolean committed;

    /**
     * Reserves a temporary path for {@code target}, in the same directory (so the rename is atomic) and keeping the
     * target's extension (some libraries choose the format from the name). Parent directories are created.
     */
    public Path temp(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Fileset.createDirectories(dir);
        } catch (IOException e) {
            throw InputException.inFile(dir, "cannot create output directory: " + e.getMessage());
        }
        if (Files.isDirectory(absolute)) {
            throw InputException.inFile(target, "output path is a directory");
        }
        Fileset.checkOutput(target);
        String name = absolute.getFileName().toString();
        Path temp = dir.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + name);
        tempToFinal.put(temp, absolute);
        Fileset.reserved(temp);
        return temp;
    }

    /** Adds a file that a library writes beside a temp file (e.g. {@code temp + ".tbi"}) and its final name. */
    public void alsoRename(Path tempCompanion, Path finalCompanion) {
        tempToFinal.put(tempCompanion.toAbsolutePath(), finalCompanion.toAbsolutePath());
        Fileset.reserved(tempCompanion.toAbsolutePath());
    }

    /**
     * Renames every temporary file to its final name; while a command's {@link Fileset} is open, hands them to it
     * instead (published together when the command succeeds).
     */
    public void commit() {
        Map<Path, Path> done = new LinkedHashMap<>();
        for (Map.Entry<Path, Path> e : tempToFinal.entrySet()) {
            if (Files.exists(e.getKey())) {
                done.put(e.getKey(), e.getValue());
            }
        }
        if (Fileset.adopt(done)) {
            committed = true;
            return;
        }
        try {
            for (Map.Entry<Path, Path> e : tempToFinal.entrySet()) {
                if (Files.exists(e.getKey())) {
                    move(e.getKey(), e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("renaming outputs into place", e);
        }
        committed = true;
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes the temporary files unless committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        for (Path temp : tempToFinal.keySet()) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: a leftover .tmp- file never looks like a finished output
            }
        }
    }
}
