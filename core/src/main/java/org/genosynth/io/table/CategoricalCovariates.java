package org.genosynth.io.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.genosynth.io.InputException;
import org.genosynth.io.NumberText;

/**
 * Covariate columns as plink2's {@code --glm} takes them: a column whose values are all numbers (or missing) is one
 * numeric covariate; a column whose values are all words (no value a number: {@code M}/{@code F}, batch names) is
 * categorical, and becomes k - 1 indicator columns {@code NAME=LEVEL} in sorted order (1 for the samples at that level,
 * else 0; every indicator missing where the value is). The most common level is the reference, as in plink2 (which
 * counts the analysed samples, this the table's rows in the cohort; ties go to the first in sorted order): the
 * association statistics are the same whichever level it is. A column mixing numbers
 * and words is an error naming the first word's line, as is a categorical column with a level per sample (an ID
 * column, not a covariate).
 */
final class CategoricalCovariates {
    /** The expanded columns: their names and values (one array per column, cohort order). */
    record Columns(List<String> names, double[][] values, List<String> notes) {
    }

    private CategoricalCovariates() {
    }

    /**
     * Expands {@code raw} (per selected column, the field text of each cohort sample; null where the sample has no row)
     * named {@code names}; {@code lineOf[s]} is the line of sample {@code s}'s row (0 when none).
     */
    static Columns expand(Path file, List<String> names, String[][] raw, long[] lineOf) {
        List<String> outNames = new ArrayList<>();
        List<double[]> outValues = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int c = 0; c < raw.length; c++) {
            String[] column = raw[c];
            int firstWord = -1;
            int firstNumber = -1;
            int present = 0;
            for (int s = 0; s < column.length; s++) {
                String v = column[s];
                if (v == null || isMissing(v)) {
                    continue;
                }
                present++;
                if (isNumber(v)) {
                    firstNumber = firstNumber < 0 ? s : firstNumber;
                } else {
                    firstWord = firstWord < 0 ? s : firstWord;
                }
            }
            if (firstWord < 0) {
                double[] values = new double[column.length];
                for (int s = 0; s < column.length; s++) {
                    values[s] = column[s] == null || isMissing(column[s]) ? Double.NaN : number(column[s]);
                }
                outNames.add(names.get(c));
                outValues.add(values);
                continue;
            }
            if (firstNumber >= 0) {
                throw new InputException(file, lineOf[firstWord], names.get(c), "not a number: '"
                        + column[firstWord] + "' in a column of numbers ('" + column[firstNumber] + "' on line "
                        + lineOf[firstNumber] + "; a categorical covariate is all words)");
            }
            // each level's count, levels in sorted order
            TreeMap<String, Integer> levels = new TreeMap<>();
            for (String v : column) {
                if (v != null && !isMissing(v)) {
                    levels.merge(v, 1, Integer::sum);
                }
            }
            if (levels.size() == 1) {
                throw InputException.inFile(file, "covariate column '" + names.get(c) + "' is constant (every value '"
                        + levels.firstKey() + "'): it cannot be a covariate beside the intercept");
            }
            if (levels.size() == present && present > 2) {
                throw InputException.inFile(file, "covariate column '" + names.get(c) + "' has a different word for "
                        + "every sample (" + present + "): an ID column, not a categorical covariate");
            }
            // the most common level is the reference (plink2's choice; ties: the first in sorted order); the
            // association statistics do not depend on it, only the indicators' names do
            String reference = levels.firstKey();
            for (var level : levels.entrySet()) {
                if (level.getValue() > levels.get(reference)) {
                    reference = level.getKey();
                }
            }
            List<String> kept = new ArrayList<>(levels.keySet());
            kept.remove(reference);
            for (String level : kept) {
                double[] values = new double[column.length];
                for (int s = 0; s < column.length; s++) {
                    String v = column[s];
                    values[s] = v == null || isMissing(v) ? Double.NaN : v.equals(level) ? 1 : 0;
                }
                outNames.add(names.get(c) + "=" + level);
                outValues.add(values);
            }
            notes.add(file.getFileName() + ": categorical covariate '" + names.get(c) + "' (" + levels.size()
                    + " levels) as " + kept.size() + " indicator column" + (kept.size() == 1 ? "" : "s")
                    + ", reference level '" + reference + "'");
        }
        return new Columns(outNames, outValues.toArray(new double[0][]), notes);
    }

    private static boolean isMissing(String text) {
        return TableFields.isMissingValue(text);
    }

    private static boolean isNumber(String text) {
        return TableFields.isDecimal(text);
    }

    private static double number(String text) {
        return NumberText.parseDecimal(text);
    }
}
