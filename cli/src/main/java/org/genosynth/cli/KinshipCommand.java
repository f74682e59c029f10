package org.genosynth.cli;

import java.util.concurrent.Callable;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.assoc.kinship.Kinship;
import org.genosynth.assoc.kinship.StructureInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth kinship}: KING-robust kinship table and, optionally, the standardized GRM. */
@Command(name = "kinship", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"KING-robust kinship for every pair of samples, as plink2 --make-king-table: writes OUT.kin0 "
            + "(#FID1 IID1 FID2 IID2 NSNP HETHET IBS0 KINSHIP; HETHET and IBS0 as fractions of NSNP). With --grm also "
            + "the standardized relationship matrix as plink2 --make-rel square (OUT.rel, OUT.rel.id). Variants of "
            + "unknown position are skipped, as plink2 does, unless --keep-unknown-positions.",
            "Inbred lines (strains coded 0/2, or 0/1 read with --coding strain) have no heterozygotes for KING-robust "
                + "to divide by: their KINSHIP is estimated on the haploid genotypes, 0.5 x (1 - mismatches / "
                + "mismatches expected between unrelated lines), on KING's scale (duplicates 0.5, unrelated 0)."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth kinship --input mouse.bed --out rel/mouse",
            "  genosynth kinship --input cohort.vcf.gz --min-kinship 0.0442 --out rel/cohort   # 3rd degree or closer",
            "  genosynth kinship --input data --grm --threads 8 --out rel/data",
            "  genosynth kinship --input BXD_geno.txt.gz --anno BXD_anno.txt --coding strain --out rel/bxd"})
final class KinshipCommand implements Callable<Integer> {
    @Mixin
    StructureOptions structure;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PREFIX", description = "Output prefix.")
    String out;

    @Option(names = "--min-kinship", paramLabel = "X",
            description = "Write only pairs with kinship >= X (plink2 --king-table-filter).")
    Double minKinship;

    @Option(names = "--grm", description = "Also write the standardized GRM (OUT.rel square, OUT.rel.id).")
    boolean grm;



    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        // an output that is one of the inputs: refused before any work (AtomicOutput checks again per file)
        org.genosynth.io.Fileset.refuseOverwrite(out, ".kin0", ".rel", ".rel.id");
        StructureInput in = structure.toStructureInput();
        try (ExecutionContext context = execution.open(structure.threads, null)) {
            Kinship.Summary s = Kinship.run(new Kinship.Request(in, out, minKinship == null ? Double.NaN : minKinship,
                    grm), context);
            System.out.print(s.render());
        }
        return 0;
    }
}
