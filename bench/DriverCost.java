// bench/driver_read_cost.sh runs this file with genosynth's jar on the class path.
import java.nio.file.Path;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeSource;
import org.genosynth.model.VariantBlock;

/** Reads an input's blocks on one thread: variant columns only (what the driver does), then with genotypes decoded. */
public class DriverCost {
    public static void main(String[] args) throws Exception {
        Path input = Path.of(args[0]);
        boolean decode = args[1].equals("decode");
        int reps = Integer.parseInt(args[2]);
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long variants = 0;
            try (GenotypeReader reader = GenotypeSource.of(input, null).open()) {
                VariantBlock b;
                while ((b = reader.nextBlock(org.genosynth.io.BlockStream.blockSizeFor(reader.sampleSheet().size()))) != null) {
                    variants += b.variantCount();
                    if (decode) {
                        b.genotypeWords();
                    }
                }
            }
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
            System.out.printf("%s %s: %d variants, wall %.2f s, thread cpu %.2f s%n", input.getFileName(),
                    decode ? "variants+genotypes" : "variants only", variants, (System.nanoTime() - t0) / 1e9, cpu / 1e9);
        }
    }
}
