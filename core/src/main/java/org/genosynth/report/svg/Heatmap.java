package org.genosynth.report.svg;

/**
 * A square heatmap of a symmetric matrix of values in [0, 1] (such as r² between variants), white to dark blue. When a
 * second matrix is given, it fills the lower triangle and the first the upper one, so two cohorts compare at a glance.
 */
public final class Heatmap {
    private Heatmap() {
    }

    /**
     * @param upper values for cells above the diagonal (and the diagonal)
     * @param lower values for cells below the diagonal, or null to mirror {@code upper}
     */
    public static String render(String title, double[][] upper, double[][] lower, String upperName, String lowerName,
            int size) {
        int n = upper.length;
        int top = 30;
        int left = 10;
        int plot = size - left - 10;
        int height = top + plot + 40;
        Svg svg = new Svg(size, height);
        svg.text(left, 17, "start", title, "font-size=\"13\" font-weight=\"bold\"");
        double cell = (double) plot / Math.max(1, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = j >= i || lower == null ? upper[Math.min(i, j)][Math.max(i, j)] : lower[i][j];
                svg.rect(left + j * cell, top + i * cell, cell + 0.05, cell + 0.05, "fill=\"" + color(v) + "\"");
            }
        }
        double y = top + plot + 16;
        svg.text(left, y, "start", "upper triangle: " + upperName
                + (lower == null ? "" : "; lower triangle: " + lowerName), null);
        double x = left;
        for (int k = 0; k <= 10; k++) {
            svg.rect(x + k * 14, y + 6, 14, 10, "fill=\"" + color(k / 10.0) + "\"");
        }
        svg.text(x + 11 * 14 + 6, y + 15, "start", "0 to 1", null);
        return svg.finish();
    }

    /** White (0) to dark blue (1); NaN grey. */
    static String color(double v) {
        if (Double.isNaN(v)) {
            return "#dddddd";
        }
        double t = Math.max(0, Math.min(1, v));
        int r = (int) Math.round(255 + t * (0x10 - 255));
        int g = (int) Math.round(255 + t * (0x2a - 255));
        int b = (int) Math.round(255 + t * (0x6e - 255));
        return String.format("#%02x%02x%02x", r, g, b);
    }
}
