package org.genosynth.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * An x/y chart as SVG: scatter series, line series and histogram bars on shared axes with readable ticks and a legend.
 * Ranges follow the data unless set. Series are drawn in the order they were added.
 */
public final class Chart {
    /** Colours of the report: real data in blue, synthetic in orange, others after. */
    public static final String REAL = "#1f4e9c";
    public static final String SYNTHETIC = "#e07b20";
    public static final String THIRD = "#2a9d57";
    public static final String GREY = "#888888";

    private static final int LEFT = 58;
    private static final int RIGHT = 15;
    private static final int TOP = 28;
    private static final int BOTTOM = 42;

    private enum Kind { SCATTER, LINE, BARS }

    private record Series(Kind kind, String name, double[] x, double[] y, String color, double size) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final int width;
    private final int height;
    private final List<Series> series = new ArrayList<>();
    private double[] xRange;
    private double[] yRange;
    private boolean diagonal;
    private final List<double[]> hLines = new ArrayList<>();

    public Chart(String title, String xLabel, String yLabel, int width, int height) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
    }

    public Chart xRange(double min, double max) {
        xRange = new double[] {min, max};
        return this;
    }

    public Chart yRange(double min, double max) {
        yRange = new double[] {min, max};
        return this;
    }

    /** Points of radius {@code radius}. */
    public Chart scatter(String name, double[] x, double[] y, String color, double radius) {
        series.add(new Series(Kind.SCATTER, name, x, y, color, radius));
        return this;
    }

    /** A line through the points, in the given order. */
    public Chart line(String name, double[] x, double[] y, String color) {
        series.add(new Series(Kind.LINE, name, x, y, color, 2));
        return this;
    }

    /** Histogram bars: bin i spans edges[i]..edges[i+1] with height heights[i]; drawn half transparent. */
    public Chart bars(String name, double[] edges, double[] heights, String color) {
        series.add(new Series(Kind.BARS, name, edges, heights, color, 0));
        return this;
    }

    /** Draws the identity line y = x. */
    public Chart diagonal() {
        diagonal = true;
        return this;
    }

    /** Draws a dashed horizontal reference line at {@code y}. */
    public Chart horizontalLine(double y) {
        hLines.add(new double[] {y});
        return this;
    }

    /** The SVG document. */
    public String render() {
        double[] xr = xRange != null ? xRange : range(true);
        double[] yr = yRange != null ? yRange : range(false);
        double[] xt = Ticks.nice(xr[0], xr[1]);
        double[] yt = Ticks.nice(yr[0], yr[1]);
        if (xRange == null) {
            xr = new double[] {xt[0], xt[xt.length - 1]};
        }
        if (yRange == null) {
            yr = new double[] {yt[0], yt[yt.length - 1]};
        }
        Frame f = new Frame(xr, yr);
        Svg svg = new Svg(width, height);
        svg.text(LEFT, 17, "start", title, "font-size=\"13\" font-weight=\"bold\"");
        axes(svg, f, xt, yt);
        if (diagonal) {
            double lo = Math.max(xr[0], yr[0]);
            double hi = Math.min(xr[1], yr[1]);
            svg.line(f.x(lo), f.y(lo), f.x(hi), f.y(hi), GREY, "stroke-dasharray=\"4 3\"");
        }
        for (double[] h : hLines) {
            svg.line(LEFT, f.y(h[0]), width - RIGHT, f.y(h[0]), "#c0392b", "stroke-dasharray=\"4 3\"");
        }
        for (Series s : series) {
            draw(svg, f, s);
        }
        legend(svg);
        return svg.finish();
    }

    private void draw(Svg svg, Frame f, Series s) {
        switch (s.kind) {
            case SCATTER -> {
                svg.openGroup("fill=\"" + s.color + "\" fill-opacity=\"0.6\"");
                for (int i = 0; i < s.x.length; i++) {
                    if (f.inside(s.x[i], s.y[i])) {
                        svg.dot(f.x(s.x[i]), f.y(s.y[i]), s.size);
                    }
                }
                svg.closeGroup();
            }
            case LINE -> {
                double[] px = new double[s.x.length];
                double[] py = new double[s.x.length];
                for (int i = 0; i < px.length; i++) {
                    boolean ok = !Double.isNaN(s.x[i]) && !Double.isNaN(s.y[i]);
                    px[i] = ok ? f.x(f.clampX(s.x[i])) : Double.NaN;
                    py[i] = ok ? f.y(f.clampY(s.y[i])) : Double.NaN;
                }
                svg.polyline(px, py, s.color, "stroke-width=\"2\"");
                svg.openGroup("fill=\"" + s.color + "\"");
                for (int i = 0; i < px.length; i++) {
                    if (!Double.isNaN(px[i])) {
                        svg.dot(px[i], py[i], 2.5);
                    }
                }
                svg.closeGroup();
            }
            case BARS -> {
                svg.openGroup("fill=\"" + s.color + "\" fill-opacity=\"0.45\" stroke=\"" + s.color + "\"");
                for (int i = 0; i + 1 < s.x.length && i < s.y.length; i++) {
                    double x0 = f.x(f.clampX(s.x[i]));
                    double x1 = f.x(f.clampX(s.x[i + 1]));
                    double y0 = f.y(f.clampY(Math.max(0, f.yr[0])));
                    double y1 = f.y(f.clampY(s.y[i]));
                    svg.rect(x0, Math.min(y0, y1), Math.max(0.5, x1 - x0), Math.abs(y0 - y1), null);
                }
                svg.closeGroup();
            }
            default -> throw new IllegalStateException();
        }
    }

    private void legend(Svg svg) {
        int row = 0;
        for (Series s : series) {
            if (s.name == null || s.name.isEmpty()) {
                continue;
            }
            double y = TOP + 8 + row * 15;
            double x = width - RIGHT - 150;
            svg.rect(x, y - 8, 10, 10, "fill=\"" + s.color + "\"");
            svg.text(x + 15, y + 1, "start", s.name, null);
            row++;
        }
    }

    private void axes(Svg svg, Frame f, double[] xt, double[] yt) {
        svg.line(LEFT, TOP, LEFT, height - BOTTOM, "black", null);
        svg.line(LEFT, height - BOTTOM, width - RIGHT, height - BOTTOM, "black", null);
        for (double v : xt) {
            if (v < f.xr[0] - 1e-12 || v > f.xr[1] + 1e-12) {
                continue;
            }
            double x = f.x(v);
            svg.line(x, height - BOTTOM, x, height - BOTTOM + 4, "black", null);
            svg.text(x, height - BOTTOM + 15, "middle", Ticks.label(v, xt), null);
        }
        for (double v : yt) {
            if (v < f.yr[0] - 1e-12 || v > f.yr[1] + 1e-12) {
                continue;
            }
            double y = f.y(v);
            svg.line(LEFT - 4, y, LEFT, y, "black", null);
            svg.line(LEFT, y, width - RIGHT, y, "#eeeeee", null);
            svg.text(LEFT - 6, y + 4, "end", Ticks.label(v, yt), null);
        }
        double midY = TOP + (height - TOP - BOTTOM) / 2.0;
        svg.text(13, midY, "middle", yLabel, "transform=\"rotate(-90 13 " + Math.round(midY) + ")\"");
        svg.text((LEFT + width - RIGHT) / 2.0, height - 6, "middle", xLabel, null);
    }

    private double[] range(boolean isX) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[] v = isX ? s.x : s.y;
            for (double d : v) {
                if (Double.isFinite(d)) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
            if (!isX && s.kind == Kind.BARS) {
                lo = Math.min(lo, 0);
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        if (lo == hi) {
            return new double[] {lo - 0.5, hi + 0.5};
        }
        return new double[] {lo, hi};
    }

    /** Maps data to drawing coordinates. */
    private final class Frame {
        final double[] xr;
        final double[] yr;

        Frame(double[] xr, double[] yr) {
            this.xr = xr;
            this.yr = yr;
        }

        double x(double v) {
            return LEFT + (width - LEFT - RIGHT) * (v - xr[0]) / (xr[1] - xr[0]);
        }

        double y(double v) {
            return TOP + (height - TOP - BOTTOM) * (1 - (v - yr[0]) / (yr[1] - yr[0]));
        }

        double clampX(double v) {
            return Math.max(xr[0], Math.min(xr[1], v));
        }

        double clampY(double v) {
            return Math.max(yr[0], Math.min(yr[1], v));
        }

        boolean inside(double vx, double vy) {
            return vx >= xr[0] && vx <= xr[1] && vy >= yr[0] && vy <= yr[1];
        }
    }
}
