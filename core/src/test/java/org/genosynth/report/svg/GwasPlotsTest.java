package org.genosynth.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Manhattan plot of variants without positions: with none placed (a BIMBAM file read without annotation) they are
 * drawn across the whole width by their index, with index ticks, instead of in a thin strip beside an empty panel;
 * beside placed variants they keep their "unplaced" strip.
 */
class GwasPlotsTest {
    private static final Pattern DOT = Pattern.compile("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"");

    @Test
    void withNoVariantPlacedTheUnplacedOnesTakeTheWholeWidthByIndex() {
        GwasPlots plots = new GwasPlots();
        Random rng = new Random(10);
        for (int i = 0; i < 1000; i++) {
            double log10p = i == 700 ? -12 : Math.log10(rng.nextDouble());
            plots.add("0", -9, "rs" + i, log10p);
        }
        String svg = plots.manhattan("all unplaced");
        assertThat(svg).contains(">tested variants in table order (none has a chromosome position)</text>")
                .doesNotContain(">unplaced</text>").doesNotContain("#bbbbbb").doesNotContain(">chromosome</text>");
        List<Double> xs = new ArrayList<>();
        Matcher m = DOT.matcher(svg);
        while (m.find()) {
            xs.add(Double.parseDouble(m.group(1)));
        }
        // the plot spans x 55..885 (830 units): the drawn points cover it, within 2 % at each end
        assertThat(xs).isNotEmpty().allSatisfy(x -> assertThat(x).isBetween(55.0, 885.0));
        assertThat(xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow()).isLessThan(55 + 0.02 * 830);
        assertThat(xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThan(885 - 0.02 * 830);
        // variant 700 (0-based) at 55 + 830 x 700.5 / 1000 = 636.4, labelled with its ID
        assertThat(svg).contains("<circle cx=\"636.4\"", ">rs700</text>");
        for (String tick : List.of("200", "400", "600", "800", "1000")) {
            assertThat(svg).contains("\" text-anchor=\"middle\">" + tick + "</text>");
        }
        int ticks = 0;
        Matcher t = Pattern.compile("<text x=\"([0-9.]+)\" y=\"391\" text-anchor=\"middle\">200</text>").matcher(svg);
        while (t.find()) {
            assertThat(Double.parseDouble(t.group(1))).isCloseTo(55 + 830 * 199.5 / 1000, within(0.06));
            ticks++;
        }
        assertThat(ticks).isEqualTo(1);
    }

    @Test
    void besidePlacedVariantsTheUnplacedOnesKeepTheirStrip() {
        GwasPlots plots = new GwasPlots();
        for (int i = 0; i < 200; i++) {
            plots.add(i < 100 ? "1" : "2", 1000 + 1000L * i, "v" + i, -1 - (i % 7));
        }
        for (int i = 0; i < 20; i++) {
            plots.add("0", -9, "u" + i, i == 3 ? -10 : -3);
        }
        String svg = plots.manhattan("mixed");
        assertThat(svg).contains(">chromosome</text>", ">unplaced</text>", "#bbbbbb", ">u3</text>")
                .doesNotContain("table order");
        // the strip is the last 8 % of the width (66 units) at the right: every unplaced point in x 819..885
        Matcher g = Pattern.compile("<g fill=\"#8e44ad\">\n(.*?)</g>", Pattern.DOTALL).matcher(svg);
        assertThat(g.find()).isTrue();
        Matcher m = DOT.matcher(g.group(1));
        int n = 0;
        while (m.find()) {
            assertThat(Double.parseDouble(m.group(1))).isBetween(819.0, 885.0);
            n++;
        }
        assertThat(n).isEqualTo(20);
    }
}
