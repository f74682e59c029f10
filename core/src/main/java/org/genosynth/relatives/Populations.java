package org.genosynth.relatives;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.InputException;
import org.genosynth.model.Sample;

/** Population of each input sample: from a {@code IID POPULATION} file, else the samples' own labels. */
final class Populations {
    private Populations() {
    }

    static List<String> of(List<Sample> cohort, Path file) {
        List<String> out = new ArrayList<>();
        if (file == null) {
            cohort.forEach(s -> out.add(s.population()));
            return out;
        }
        Map<String, String> byId = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                if (f.length != 2) {
                    throw new InputException(file, i + 1, null, "expected IID POPULATION, got '" + line + "'");
                }
                byId.put(f[0], f[1]);
            }
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read: " + e.getMessage());
        }
        cohort.forEach(s -> out.add(byId.get(s.id())));
        return out;
    }
}
