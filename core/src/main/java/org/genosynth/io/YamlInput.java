package org.genosynth.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a YAML file with snakeyaml's safe constructor, turning every failure into a one-line {@link InputException}
 * (missing file; invalid YAML with its line; unreadable file). Shared by the spike design and the benchmark recipe.
 */
public final class YamlInput {
    private YamlInput() {
    }

    /** Parses {@code file} with {@code parse} (e.g. {@code Yaml::load} or {@code Yaml::compose}). */
    public static <T> T read(Path file, BiFunction<Yaml, Reader, T> parse) {
        Fileset.input(file);
        try (Reader r = Files.newBufferedReader(file)) {
            return parse.apply(new Yaml(new SafeConstructor(new LoaderOptions())), r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw InputException.inFile(file, "file not found");
        } catch (MarkedYAMLException e) {
            throw new InputException(file, e.getProblemMark().getLine() + 1L, null, "not valid YAML: "
                    + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw InputException.inFile(file, "cannot read YAML: " + e.getMessage());
        }
    }
}
