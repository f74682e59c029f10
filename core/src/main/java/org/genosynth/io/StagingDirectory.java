package org.genosynth.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The output directory of a pipeline (demo, benchmark: later steps read earlier steps' files by path) staged as a
 * temporary sibling, {@code PARENT/.tmp-PID-NAME}, and published at the end: renamed into place when the directory
 * does not exist (or is empty), else its files moved in one by one, manifests last. A run that fails or is stopped
 * (the {@link Fileset} deletes the staging tree, also on SIGINT/SIGTERM) leaves nothing under the final names; a
 * SIGKILLed run leaves only the {@code .tmp-} directory. Text outputs that name the staging directory (a step's
 * manifest) are rewritten to name the final one.
 */
public final class StagingDirectory {
    /** Text files whose content may name the staging directory. */
    private static final Set<String> TEXT = Set.of("json", "md", "txt", "tsv", "csv", "html", "log", "yaml", "yml");
    private static final long MAX_TEXT_BYTES = 256L << 20;

    private final Path target;
    private final Path staging;
    private final String token;

    private StagingDirectory(Path target, Path staging, String token) {
        this.target = target;
        this.staging = staging;
        this.token = token;
    }

    /** Creates the staging sibling of {@code target} (which keeps its relative or absolute form). */
    public static StagingDirectory open(Path target) {
        Path normal = target.normalize();
        Path name = normal.getFileName();
        if (name == null || name.toString().isEmpty() || name.toString().equals("..")) {
            throw InputException.usage("--out '" + target + "' does not name a directory to create");
        }
        String token = ".tmp-" + ProcessHandle.current().pid() + "-" + name;
        Path staging = normal.resolveSibling(token);
        try {
            if (normal.getParent() != null) {
                Fileset.createDirectories(normal.getParent());
            }
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw InputException.inFile(target, "cannot create the output directory: " + Messages.describe(e));
        }
        Fileset.staging(staging);
        return new StagingDirectory(normal, staging, token);
    }

    /** Where the pipeline writes. */
    public Path path() {
        return staging;
    }

    /** {@code text} (a summary naming staged files) naming the final directory instead. */
    public String finalText(String text) {
        return text.replace(token, target.getFileName().toString());
    }

    /**
     * Refuses, before any work, an input file that lies inside the final directory: the outputs would be published
     * over it, or mixed with it.
     */
    public static void refuseInputsInside(Path target, List<Path> inputs) {
        Path dir = real(target);
        for (Path in : inputs) {
            if (in != null && real(in).startsWith(dir)) {
                throw InputException.inFile(in, "this input lies inside the output directory " + target
                        + ", which the run fills with its outputs; choose another --out");
            }
        }
    }

    /** {@code p} absolute, through links as far as it exists. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /** Moves the staged outputs under the final directory, manifests last. */
    public void publish() {
        try {
            List<Path> files = files(staging);
            for (Path f : files) {
                rewrite(f);
            }
            if (!Files.exists(target) || Files.isDirectory(target) && isEmpty(target)) {
                Files.deleteIfExists(target);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            if (!Files.isDirectory(target)) {
                throw InputException.inFile(target, "--out names a file, not a directory");
            }
            List<Path> last = new ArrayList<>();
            for (Path f : files) {
                if (f.getFileName().toString().endsWith("manifest.json")) {
                    last.add(f);
                } else {
                    moveIn(f);
                }
            }
            for (Path f : last) {
                moveIn(f);
                Files.setLastModifiedTime(target.resolve(staging.relativize(f)),
                        FileTime.fromMillis(System.currentTimeMillis()));
            }
            deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("publishing " + target, e);
        }
    }

    private void moveIn(Path f) throws IOException {
        Path to = target.resolve(staging.relativize(f).toString());
        Fileset.checkOutput(to);
        Files.createDirectories(to.getParent());
        Files.move(f, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A text output that names the staging directory names the final one instead. */
    private void rewrite(Path f) throws IOException {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !TEXT.contains(name.substring(dot + 1)) || Files.size(f) > MAX_TEXT_BYTES) {
            return;
        }
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (text.contains(token)) {
            FileTime time = Files.getLastModifiedTime(f);
            Files.writeString(f, text.replace(token, target.getFileName().toString()), StandardCharsets.UTF_8);
            Files.setLastModifiedTime(f, time);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Deletes {@code dir} and everything under it (best effort). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover .tmp- directory never looks like a finished output
        }
    }
}
