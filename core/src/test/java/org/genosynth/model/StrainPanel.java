package org.genosynth.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated two-founder recombinant-inbred panel for tests (as GEMMA's BXD example, and {@code bench/ri_panel.py}):
 * every strain starts each chromosome at a random founder and switches at 4 per Morgan (the map expansion of
 * inbreeding by sib mating); codes 0/1, a marker every {@code stepCm}, positions 1 Mb per cM.
 */
public final class StrainPanel {
    private final int chromosomes;
    private final double chromosomeCm;
    private final double stepCm;

    public StrainPanel(int chromosomes, double chromosomeCm, double stepCm) {
        this.chromosomes = chromosomes;
        this.chromosomeCm = chromosomeCm;
        this.stepCm = stepCm;
    }

    private int perChromosome() {
        return (int) Math.round(chromosomeCm / stepCm);
    }

    /** {@code count} strains, each its founder code (0 or 1) at every marker. */
    public int[][] strains(int count, SplittableRandom random) {
        int[][] strains = new int[count][];
        for (int s = 0; s < count; s++) {
            int[] codes = new int[chromosomes * perChromosome()];
            for (int c = 0; c < chromosomes; c++) {
                int founder = random.nextInt(2);
                for (int i = 0; i < perChromosome(); i++) {
                    if (i > 0 && random.nextDouble() < 4 * stepCm / 100) {
                        founder = 1 - founder;
                    }
                    codes[c * perChromosome() + i] = founder;
                }
            }
            strains[s] = codes;
        }
        return strains;
    }

    /** Writes {@code dir/NAME.geno.txt} (BIMBAM, values 0/1) and its annotation (ID, position, chromosome, cM). */
    public Path writeBimbam(Path dir, String name, int[][] strains) throws IOException {
        List<String> geno = new ArrayList<>();
        List<String> anno = new ArrayList<>();
        for (int v = 0; v < strains[0].length; v++) {
            StringBuilder line = new StringBuilder("m" + v + ", A, G");
            for (int[] s : strains) {
                line.append(", ").append(s[v]);
            }
            geno.add(line.toString());
            int c = v / perChromosome();
            double cm = (v % perChromosome()) * stepCm;
            anno.add("m" + v + "\t" + (long) (cm * 1e6 + 1) + "\t" + (c + 1) + "\t" + cm);
        }
        Path g = dir.resolve(name + ".geno.txt");
        Files.write(g, geno);
        Files.write(dir.resolve(name + ".anno.txt"), anno);
        return g;
    }
}
