package org.genosynth.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Locates the shared real data ({@code ../shared/data} beside the checkout) for tests. */
public final class SharedData {
    private SharedData() {
    }

    /** {@code shared/data/relative}, from the {@code genosynth.shared} property or the usual relative locations. */
    public static Path path(String relative) {
        String property = System.getProperty("genosynth.shared");
        if (property != null) {
            return Path.of(property, "data", relative);
        }
        for (String base : new String[] {"../../shared", "../shared"}) {
            Path p = Path.of(base, "data", relative);
            if (Files.exists(p)) {
                return p;
            }
        }
        return Path.of("../../shared", "data", relative);
    }

    /** A file of the mouse_hs1940 example data. */
    public static Path mouse(String suffix) {
        return path("mouse_hs1940/mouse_hs1940" + suffix);
    }

    /**
     * The mouse_hs1940 BIMBAM annotation, unzipped to {@code dir/anno.txt} (GEMMA rejects a gzipped annotation).
     */
    public static Path mouseAnnotation(Path dir) throws IOException {
        Path anno = dir.resolve("anno.txt");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(mouse(".anno.txt.gz")))) {
            Files.copy(in, anno);
        }
        return anno;
    }
}
