package org.genosynth.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genosynth.io.InputException;
import org.genosynth.table.synth.TableSynthesis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genosynth table synth}. */
@Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learn a table (CSV, TSV, space-separated, with or without header, or ARFF; gzipped or not) "
            + "and write N synthetic rows with the same columns. Types (numeric, integer, categorical, boolean, date, "
            + "id) are inferred and can be declared with --type; ranges and decimals are kept; missing cells are "
            + "modelled with the rest of the row. Identifier columns are written as syn1, syn2, ... ",
            "Methods: copula (Gaussian copula over smoothed empirical marginals), cart (sequential CART as synthpop); "
            + "differentially private: aim (--method aim --epsilon E [--delta D]: AIM, noisy 1-, 2- and 3-way "
            + "marginals chosen adaptively in zCDP, fitted by a Private-PGM graphical model on a junction tree), "
            + "dpcopula (--method dpcopula --epsilon E [--delta D]: a Gaussian copula from noisy one-way histograms "
            + "and noisy clipped normal-score second moments, zCDP; aim and dpcopula need public --bounds for every "
            + "numeric column and read nothing else from the data outside the budget) and privbayes (--epsilon E "
            + "alone: a "
            + "Bayesian network, PrivBayes). The privacy guarantee and what it assumes public are printed and "
            + "written to NAME.manifest.json beside the output; read docs/tables.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  genosynth table synth --input diabetes.csv.gz --n 442 --method copula --seed 1 --out syn.csv",
            "  genosynth table synth --input mouse_hs1940.fam.gz --names FID,IID,PAT,MAT,SEX,CD8,CD8b,x,y,z,MCH \\",
            "      --method cart --seed 7 --out mouse_syn.tsv",
            "  genosynth table synth --input train.csv --epsilon 1 --bounds age=18:100 --out dp.csv",
            "  genosynth table synth --input train.csv --method aim --epsilon 1 --delta 1e-9 --bounds age=18:100 \\",
            "      --bounds bmi=15:50 --out aim.csv",
            "  genosynth table synth --input pima.csv --na-col insulin=0,skin=0,bmi=0 --method cart --out syn.csv",
            "  genosynth table synth --input pima.csv --schema na_codes.tsv --out syn.csv"})
final class TableSynthCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "TABLE", description = "The real table.")
    Path input;

    @Mixin
    TableReadOptionsMixin read;

    @Option(names = "--n", paramLabel = "N", defaultValue = "0",
            description = "Synthetic rows to write (default: as many as the input).")
    int rows;

    @Option(names = "--method", paramLabel = "copula|cart|aim|dpcopula|privbayes", defaultValue = "copula",
            description = "Synthesis method (default ${DEFAULT-VALUE}); --epsilon without --method means privbayes; "
                    + "copula or cart named with --epsilon is refused.")
    String method;

    @Option(names = "--epsilon", paramLabel = "E",
            description = "Differential-privacy budget: with --method aim, AIM; with dpcopula, a DP Gaussian copula; "
                    + "otherwise PrivBayes.")
    Double epsilon;

    @Option(names = "--delta", paramLabel = "D",
            description = "--method aim, dpcopula: the delta of (epsilon, delta)-DP (default 1e-9, as AIM and "
                    + "Private-PGM).")
    Double delta;

    @Option(names = "--seed", paramLabel = "S",
            description = "Random seed (same seed, same bytes). Without it a secret random seed is used: do that for "
                    + "a private release, as anyone who knows the seed can recompute the noise.")
    Long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
            description = "Synthetic table: .csv, .tsv/.txt, .arff (+ .gz to compress).")
    Path out;

    @Option(names = "--min-bucket", paramLabel = "K", defaultValue = "5",
            description = "cart: fewest real rows per leaf (default ${DEFAULT-VALUE}, as synthpop).")
    int minBucket;

    @Option(names = "--degree", paramLabel = "K", defaultValue = "2",
            description = "--epsilon: most parents per column in the Bayesian network (default ${DEFAULT-VALUE}).")
    int degree;

    @Option(names = "--bins", paramLabel = "B", defaultValue = "8",
            description = "--epsilon: bins per numeric column (default ${DEFAULT-VALUE}); aim, dpcopula: the most "
                    + "bins, fewer when the noise is large.")
    int bins;

    @Option(names = "--bounds", paramLabel = "NAME=MIN:MAX",
            description = "--epsilon: public range of a numeric column, so that its range is not taken from the data "
                    + "(required for every numeric column by aim and dpcopula; values outside are clamped).")
    Map<String, String> bounds = new LinkedHashMap<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        org.genosynth.io.Fileset.refuseOverwrite(out.toString(), "");
        String asked = method.toLowerCase(java.util.Locale.ROOT);
        if (epsilon != null && (asked.equals("copula") || asked.equals("cart"))
                && spec.commandLine().getParseResult().hasMatchedOption("--method")) {
            // without --method, --epsilon picks privbayes; a method named with it would be silently replaced
            throw InputException.usage("--method " + method + " is not differentially private and takes no --epsilon; "
                    + "give --method privbayes, aim or dpcopula with --epsilon, or leave --epsilon out");
        }
        org.genosynth.io.Fileset.refuseOverwrite(TableSynthesis.manifestPath(out).toString(), "");
        TableSynthesis.Method m = switch (method.toLowerCase(java.util.Locale.ROOT)) {
            case "copula" -> TableSynthesis.Method.COPULA;
            case "cart" -> TableSynthesis.Method.CART;
            case "aim" -> TableSynthesis.Method.AIM;
            case "dpcopula" -> TableSynthesis.Method.DPCOPULA;
            case "privbayes" -> TableSynthesis.Method.PRIVBAYES;
            default -> throw InputException.usage("--method must be copula, cart, aim, dpcopula or privbayes, got "
                    + method);
        };
        Map<String, double[]> parsed = new LinkedHashMap<>();
        bounds.forEach((name, range) -> {
            String[] p = range.split(":");
            try {
                double lo = Double.parseDouble(p[0]);
                double hi = Double.parseDouble(p[1]);
                if (p.length != 2 || !(lo < hi)) {
                    throw new NumberFormatException();
                }
                parsed.put(name, new double[] {lo, hi});
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw InputException.usage("--bounds " + name + "=" + range + ": expected MIN:MAX with MIN < MAX");
            }
        });
        long s = seed != null ? seed : new SecureRandom().nextLong();
        TableSynthesis.Request request = new TableSynthesis.Request(input, read.toOptions(), rows, m, epsilon, s,
                out, minBucket, degree, bins, parsed, delta, seed != null);
        System.out.println(TableSynthesis.run(request).render(out));
        return 0;
    }
}
