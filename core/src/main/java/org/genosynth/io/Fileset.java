package org.genosynth.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outputs of one command, published together: while a fileset is open, every {@link AtomicOutput#commit()} only
 * hands its temporary files over, and {@link #publish()} renames them all at the end, manifests last. Closing an
 * unpublished fileset deletes every temporary file of the run, so a failed run leaves nothing under the final names
 * and a killed run leaves only {@code .tmp-} files.
 * <p>
 * It also knows the run's input files ({@link #input(Path)}, registered by the readers and the command line) and
 * refuses any output that is the same file as an input, resolved through links.
 * <p>
 * A pipeline fileset (demo, benchmark: later steps read what earlier steps wrote) publishes each commit at once and,
 * if the run fails, deletes what it published.
 */
public final class Fileset implements AutoCloseable {
    private static volatile Fileset current;

    private final boolean pipeline;
    private final Set<Path> inputs = new LinkedHashSet<>();
    private final Map<Path, Path> pending = new LinkedHashMap<>();
    private final Set<Path> temps = new LinkedHashSet<>();
    private final List<Path> published = new ArrayList<>();
    private final List<Path> createdDirs = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final List<Path> stagingDirs = new ArrayList<>();
    private boolean done;

    private Fileset(boolean pipeline) {
        this.pipeline = pipeline;
    }

    /** Whether the shutdown hook that cleans up after SIGINT / SIGTERM is registered (once per JVM). */
    private static final java.util.concurrent.atomic.AtomicBoolean HOOKED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Opens the fileset of a command run (one at a time per process); close it in a finally block. */
    public static Fileset open(boolean pipeline) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(Fileset::onShutdown, "genosynth-cleanup"));
        }
        Fileset f = new Fileset(pipeline);
        current = f;
        return f;
    }

    /**
     * The JVM is exiting (SIGINT, SIGTERM, or {@code System.exit}) with a run still open: its temporary files (and a
     * pipeline's published steps) are deleted as a failed run's are. The command's threads still run meanwhile, and one
     * may create a file it had reserved just after: so this process's {@code .tmp-PID-} names in the run's directories
     * are swept too, a few times. SIGKILL runs no hook; it leaves only {@code .tmp-} names, never final ones.
     */
    static void onShutdown() {
        Fileset f = current;
        if (f == null) {
            return;
        }
        Set<Path> dirs = new LinkedHashSet<>();
        synchronized (f) {
            f.temps.forEach(t -> dirs.add(t.toAbsolutePath().getParent()));
            f.pending.keySet().forEach(t -> dirs.add(t.toAbsolutePath().getParent()));
            f.stagingDirs.forEach(t -> dirs.add(t.toAbsolutePath().getParent()));
        }
        f.close();
        String mine = ".tmp-" + ProcessHandle.current().pid() + "-";
        for (int pass = 0; pass < 3; pass++) {
            for (Path d : dirs) {
                try (java.util.stream.Stream<Path> s = Files.list(d)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        if (p.getFileName().toString().startsWith(mine)) {
                            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                                StagingDirectory.deleteTree(p);
                            } else {
                                Files.deleteIfExists(p);
                            }
                        }
                    }
                } catch (IOException | UncheckedIOException e) {
                    // gone or unreadable: nothing of ours to delete there
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static Fileset current() {
        return current;
    }

    /**
     * A warning about an input (e.g. a BGZF file without its end-of-file block), kept once per run however often the
     * input is opened, and printed on stderr by the command line after the run succeeds ({@link #warnings()}); outside
     * a run it is printed at once.
     */
    public static void warn(String text) {
        Fileset f = current;
        if (f == null) {
            System.err.println("genosynth: warning: " + Messages.escapeControls(text));
            return;
        }
        synchronized (f) {
            f.warnings.add(text);
        }
    }

    /**
     * The final names of the outputs being written (temporary files that exist and are not published yet), for a
     * message about a write failure whose library does not know the file's name.
     */
    public synchronized List<Path> outputsInProgress() {
        Set<Path> out = new LinkedHashSet<>();
        Set<Path> all = new LinkedHashSet<>(temps);
        all.addAll(pending.keySet());
        for (Path t : all) {
            String name = t.getFileName().toString();
            if (Files.exists(t) && name.startsWith(".tmp-")) {
                // .tmp-PID-N-NAME
                String[] parts = name.split("-", 4);
                // a writer's parts (VcfWriter's .body and .offsets spools) stand for its output
                out.add(t.resolveSibling((parts.length == 4 ? parts[3] : name).replaceFirst("\\.(body|offsets)$", "")));
            }
        }
        return List.copyOf(out);
    }

    /** The run's warnings, each once, in the order first given. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Registers an input of the running command (no-op outside a run): the file itself and, for a PLINK, BIMBAM or
     * VCF name or prefix, the files read beside it.
     */
    public static void input(Path path) {
        Fileset f = current;
        if (f == null || path == null || path.toString().isEmpty() || readable(path) != path) {
            return;
        }
        String s = path.toString();
        String prefix = s.replaceFirst("\\.(bed|bim|fam)(\\.gz)?$", "").replaceFirst("\\.geno\\.txt(\\.gz)?$", "");
        synchronized (f) {
            f.inputs.add(path);
            for (String ext : List.of(".bed", ".bim", ".fam", ".bed.gz", ".bim.gz", ".fam.gz", ".anno.txt",
                    ".anno.txt.gz", ".geno.txt", ".geno.txt.gz", ".pheno.tsv")) {
                f.inputs.add(Path.of(prefix + ext));
            }
            for (String ext : List.of(".tbi", ".csi", ".fai")) {
                f.inputs.add(Path.of(s + ext));
            }
        }
    }

    /**
     * The file to read for {@code path}: the temporary file when {@code path} is an output of this run not yet
     * published (a step reading what an earlier step wrote), else {@code path}.
     */
    public static Path readable(Path path) {
        Fileset f = current;
        if (f == null) {
            return path;
        }
        Path absolute = path.toAbsolutePath().normalize();
        synchronized (f) {
            for (Map.Entry<Path, Path> e : f.pending.entrySet()) {
                if (e.getValue().toAbsolutePath().normalize().equals(absolute)) {
                    return e.getKey();
                }
            }
        }
        return path;
    }

    /** Refuses {@code target} when it is the same file as an input of the run (no-op outside a run). */
    static void checkOutput(Path target) {
        Fileset f = current;
        if (f != null) {
            f.check(target);
        }
    }

    /**
     * Refuses, before any work, output files a command will write that are inputs of the run (a command calls it with
     * its inputs registered; {@link AtomicOutput} checks every file again when it is created).
     */
    public static void refuseOverwrite(String prefix, String... extensions) {
        if (prefix.isEmpty()) {
            throw InputException.usage("--out is empty; give an output path or prefix");
        }
        for (String ext : extensions) {
            checkOutput(Path.of(prefix + ext));
        }
    }

    private synchronized void check(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        for (Path in : inputs) {
            try {
                if (Files.exists(in) && !published.contains(in.toAbsolutePath().normalize()) && Files.isSameFile(target, in)) {
                    throw InputException.inFile(target, "output would overwrite the input " + in
                            + "; choose another --out");
                }
            } catch (IOException e) {
                // unreadable: cannot be the same file as one we read
            }
        }
    }

    /** Creates {@code dir} and its missing parents, remembering them so that a failed run removes them if empty. */
    static void createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path d = dir.toAbsolutePath(); d != null && !Files.exists(d); d = d.getParent()) {
            missing.add(d);
        }
        Files.createDirectories(dir);
        Fileset f = current;
        if (f != null) {
            synchronized (f) {
                f.createdDirs.addAll(missing); // deepest first
            }
        }
    }

    /** A pipeline's staging directory ({@link StagingDirectory}): deleted with everything in it unless the run ends. */
    static void staging(Path dir) {
        Fileset f = current;
        if (f != null) {
            synchronized (f) {
                f.stagingDirs.add(dir);
            }
        }
    }

    static void reserved(Path temp) {
        Fileset f = current;
        if (f != null) {
            synchronized (f) {
                f.temps.add(temp);
            }
        }
    }

    /**
     * Takes over an {@link AtomicOutput}'s completed files; false when the caller must rename them now (no run, or a
     * pipeline run, which then remembers them).
     */
    static boolean adopt(Map<Path, Path> tempToFinal) {
        Fileset f = current;
        if (f == null) {
            return false;
        }
        synchronized (f) {
            for (Path target : tempToFinal.values()) {
                f.check(target);
            }
            if (f.pipeline) {
                tempToFinal.values().forEach(p -> f.published.add(p.toAbsolutePath().normalize()));
                return false;
            }
            for (Map.Entry<Path, Path> e : tempToFinal.entrySet()) {
                if (Files.exists(e.getKey())) {
                    f.pending.put(e.getKey(), e.getValue());
                }
            }
            return true;
        }
    }

    /** Renames every pending file to its final name, manifests last and stamped with the publishing time. */
    public synchronized void publish() {
        List<Map.Entry<Path, Path>> order = new ArrayList<>();
        List<Map.Entry<Path, Path>> last = new ArrayList<>();
        for (Map.Entry<Path, Path> e : pending.entrySet()) {
            check(e.getValue());
            (e.getValue().getFileName().toString().endsWith("manifest.json") ? last : order).add(e);
        }
        order.addAll(last);
        try {
            for (Map.Entry<Path, Path> e : order) {
                AtomicOutput.move(e.getKey(), e.getValue());
                published.add(e.getValue().toAbsolutePath().normalize());
                if (last.contains(e)) {
                    // a rename keeps the time the temporary file was written; the manifest must also be the newest
                    // file by time, for tools that judge completeness by modification times (make, snakemake)
                    Files.setLastModifiedTime(e.getValue(),
                            FileTime.fromMillis(System.currentTimeMillis()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("renaming outputs into place", e);
        }
        done = true;
    }

    /** Deletes what an unfinished run wrote (temporary files; a pipeline's published files) and ends the run. */
    @Override
    public synchronized void close() {
        if (current == this) {
            current = null;
        }
        Set<Path> delete = new LinkedHashSet<>(temps);
        delete.addAll(pending.keySet());
        if (!done && pipeline) {
            delete.addAll(published);
        }
        for (Path p : delete) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: a leftover .tmp- file never looks like a finished output
            }
        }
        if (!done) {
            stagingDirs.forEach(StagingDirectory::deleteTree);
            for (Path d : createdDirs) {
                try {
                    Files.deleteIfExists(d); // only when empty
                } catch (IOException ignored) {
                    // not empty, or gone: leave it
                }
            }
        }
    }
}
