package org.genosynth.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;
import org.genosynth.model.Sample;

/** Population labels: read ({@code [FID] IID POP} lines, '#' comments) and written. */
final class Populations {
    private Populations() {
    }

    /** IID to population, from lines whose last two fields are IID and POP. */
    static Map<String, String> read(Path file) {
        Map<String, String> out = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                if (f.length < 2 || f.length > 3) {
                    throw new InputException(file, i + 1, null, "expected IID POP or FID IID POP, got '" + line + "'");
                }
                out.put(f[f.length - 2], f[f.length - 1]);
            }
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read: " + e.getMessage());
        }
        return out;
    }

    /** {@code IID POP} lines, as genosynth relatives reads them. */
    static Path writeIidPop(Path file, List<Sample> samples, List<String> pops) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < samples.size(); i++) {
            sb.append(samples.get(i).id()).append('\t').append(pops.get(i)).append('\n');
        }
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        return file;
    }

    /** {@code #FID IID POP}, as genosynth synth writes it. */
    static Path write(AtomicOutput out, Path file, List<Sample> samples, List<String> pops) {
        StringBuilder sb = new StringBuilder("#FID\tIID\tPOP\n");
        for (int i = 0; i < samples.size(); i++) {
            sb.append(samples.get(i).familyId()).append('\t').append(samples.get(i).id()).append('\t')
                    .append(pops.get(i)).append('\n');
        }
        try {
            Files.writeString(out.temp(file), sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        return file;
    }
}
