package org.genosynth.report.svg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manhattan and QQ plots of a GWAS. Points are added in table order; every point with p <= 0.01 is drawn, and of the
 * others one in {@link #THIN} (by their order of arrival, so the plot is the same at any thread count). Variants without
 * a position are drawn in their own strip at the right of the Manhattan plot ("unplaced", by their index among the
 * unplaced variants), the strongest of them labelled with its ID when it passes 5e-8; when no variant has a position
 * (a BIMBAM file without annotation), they take the whole width, by index, with index ticks.
 */
public final class GwasPlots {
    /** One point in THIN of those with p > 0.01 is drawn. */
    public static final int THIN = 20;
    private static final double SIGNIFICANT = -Math.log10(5e-8);
    private static final int W = 900;
    private static final int H = 420;
    private static final int LEFT = 55;
    private static final int RIGHT = 15;
    private static final int TOP = 25;
    private static final int BOTTOM = 45;

    private final Map<String, Long> chromMax = new LinkedHashMap<>();
    private final List<String> chroms = new ArrayList<>();
    private int[] chrom = new int[1024];
    private long[] pos = new long[1024];
    private double[] score = new double[1024];
    private String[] ids = new String[1024];
    /** For an unplaced point, its 0-based index among the unplaced variants added (thinned ones included). */
    private long[] unplacedIndex = new long[1024];
    private long unplacedSeen;
    private int size;
    private long small;
    private long large;
    private double maxScore;

    /** Adds a tested variant with {@code log10p} (log10 of its p-value). */
    public void add(String chromosome, long position, double log10p) {
        add(chromosome, position, null, log10p);
    }

    /** Adds a tested variant with its ID (shown when it is the strongest variant without a position). */
    public void add(String chromosome, long position, String id, double log10p) {
        if (Double.isNaN(log10p)) {
            return;
        }
        double s = Double.isInfinite(log10p) ? 330 : -log10p;
        if (position <= 0) {
            unplacedSeen++;
        }
        if (s < 2) {
            large++;
            if ((large - 1) % THIN != 0) {
                return;
            }
        } else {
            small++;
        }
        if (size == score.length) {
            chrom = Arrays.copyOf(chrom, size * 2);
            pos = Arrays.copyOf(pos, size * 2);
            score = Arrays.copyOf(score, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
            unplacedIndex = Arrays.copyOf(unplacedIndex, size * 2);
        }
        if (position <= 0) {
            unplacedIndex[size] = unplacedSeen - 1;
            pos[size] = position;
            score[size] = s;
            ids[size] = id;
            chrom[size] = -1;
            maxScore = Math.max(maxScore, s);
            size++;
            return;
        }
        Long known = chromMax.get(chromosome);
        if (known == null) {
            chroms.add(chromosome);
        }
        chromMax.put(chromosome, Math.max(known == null ? 0 : known, position));
        chrom[size] = chroms.indexOf(chromosome);
        pos[size] = position;
        score[size] = s;
        maxScore = Math.max(maxScore, s);
        size++;
    }

    private double yTop() {
        return Math.max(Math.ceil(maxScore), Math.ceil(SIGNIFICANT));
    }

    /** The Manhattan plot: -log10 p against position, chromosomes side by side in order of appearance. */
    public String manhattan(String title) {
        Svg svg = new Svg(W, H);
        double[] offset = new double[chroms.size() + 1];
        for (int c = 0; c < chroms.size(); c++) {
            offset[c + 1] = offset[c] + Math.max(1, chromMax.get(chroms.get(c)));
        }
        double total = Math.max(1, offset[chroms.size()]);
        int unplaced = 0;
        for (int i = 0; i < size; i++) {
            unplaced += pos[i] <= 0 ? 1 : 0;
        }
        double fullW = W - LEFT - RIGHT;
        // no variant placed: the unplaced ones take the whole width, not a strip beside an empty panel
        boolean onlyUnplaced = chroms.isEmpty() && unplaced > 0;
        double stripW = unplaced == 0 ? 0 : onlyUnplaced ? fullW : Math.round(fullW * 0.08);
        double plotW = fullW - (unplaced == 0 || onlyUnplaced ? 0 : stripW + 10);
        double plotH = H - TOP - BOTTOM;
        double top = yTop();
        axes(svg, W, title, onlyUnplaced ? "tested variants in table order (none has a chromosome position)"
                : "chromosome", top);
        for (int c = 0; c < chroms.size(); c++) {
            double mid = LEFT + plotW * (offset[c] + offset[c + 1]) / 2 / total;
            svg.text(mid, H - BOTTOM + 14, "middle", chroms.get(c), null);
        }
        String[] colors = {"#1f4e9c", "#7fa7d9"};
        for (int parity = 0; parity < 2; parity++) {
            svg.openGroup("fill=\"" + colors[parity] + "\"");
            for (int i = 0; i < size; i++) {
                if (pos[i] <= 0 || chrom[i] % 2 != parity) {
                    continue;
                }
                double x = LEFT + plotW * (offset[chrom[i]] + pos[i]) / total;
                double y = TOP + plotH * (1 - Math.min(score[i], top) / top);
                svg.dot(x, y, 1.8);
            }
            svg.closeGroup();
        }
        if (onlyUnplaced) {
            indexTicks(svg, fullW);
        }
        if (unplaced > 0) {
            unplacedStrip(svg, W - RIGHT - stripW, stripW, top, plotH, !onlyUnplaced);
        }
        double ySig = TOP + plotH * (1 - SIGNIFICANT / top);
        svg.line(LEFT, ySig, W - RIGHT, ySig, "#c0392b", "stroke-dasharray=\"4 3\"");
        return svg.finish();
    }

    /** The x of the unplaced point {@code i} in a strip of {@code width} from {@code x0}: by its index. */
    private double unplacedX(int i, double x0, double width) {
        return x0 + width * (unplacedIndex[i] + 0.5) / unplacedSeen;
    }

    /**
     * Variants without a position, side by side by their index among the unplaced variants; the strongest labelled
     * when significant. {@code strip}: beside the chromosomes, under an "unplaced" label; else the whole plot.
     */
    private void unplacedStrip(Svg svg, double x0, double width, double top, double plotH, boolean strip) {
        if (strip) {
            svg.line(x0 - 5, TOP, x0 - 5, H - BOTTOM, "#bbbbbb", "stroke-dasharray=\"2 2\"");
            svg.text(x0 + width / 2, H - BOTTOM + 14, "middle", "unplaced", null);
        }
        svg.openGroup("fill=\"#8e44ad\"");
        int best = -1;
        for (int i = 0; i < size; i++) {
            if (pos[i] > 0) {
                continue;
            }
            double y = TOP + plotH * (1 - Math.min(score[i], top) / top);
            svg.dot(unplacedX(i, x0, width), y, 1.8);
            if (best < 0 || score[i] > score[best]) {
                best = i;
            }
        }
        svg.closeGroup();
        if (best >= 0 && score[best] >= SIGNIFICANT && ids[best] != null) {
            double y = Math.max(TOP + 10, TOP + plotH * (1 - Math.min(score[best], top) / top) - 6);
            if (strip) {
                svg.text(x0 + width, y, "end", ids[best], "font-size=\"10\"");
            } else {
                double x = unplacedX(best, x0, width);
                svg.text(x, y, x > x0 + width / 2 ? "end" : "start", ids[best], "font-size=\"10\"");
            }
        }
    }

    /** Ticks of the variant index (1-based, among the unplaced variants) under a plot of them all. */
    private void indexTicks(Svg svg, double width) {
        double[] ticks = Ticks.nice(1, unplacedSeen);
        for (double t : ticks) {
            if (t < 1 || t > unplacedSeen) {
                continue;
            }
            double x = LEFT + width * (t - 0.5) / unplacedSeen;
            svg.line(x, H - BOTTOM, x, H - BOTTOM + 4, "black", null);
            svg.text(x, H - BOTTOM + 16, "middle", Ticks.label(t, ticks), null);
        }
    }

    /** The QQ plot: observed against expected -log10 p under the null, with the identity line. */
    public String qq(String title) {
        double[] small = new double[size];
        double[] large = new double[size];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < size; i++) {
            if (score[i] >= 2) {
                small[ns++] = score[i];
            } else {
                large[nl++] = score[i];
            }
        }
        Arrays.sort(small, 0, ns);
        Arrays.sort(large, 0, nl);
        long total = this.small + this.large;
        Svg svg = new Svg(H + 60, H);
        double plotW = H + 60 - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        double maxExpected = total == 0 ? 1 : -Math.log10(0.5 / total);
        double top = Math.max(yTop(), Math.ceil(maxExpected));
        axes(svg, H + 60, title, "expected -log10 p", top);
        for (int v = 0; v <= top; v += tick(top)) {
            double x = LEFT + plotW * v / top;
            svg.line(x, H - BOTTOM, x, H - BOTTOM + 4, "black", null);
            svg.text(x, H - BOTTOM + 16, "middle", Integer.toString(v), null);
        }
        svg.line(LEFT, TOP + plotH, LEFT + plotW, TOP, "#888888", null);
        svg.openGroup("fill=\"#1f4e9c\"");
        // rank 1 is the smallest p; the thinned large-p points stand for THIN-ish ranks each
        for (int j = 0; j < ns; j++) {
            long rank = ns - j;
            plotQq(svg, -Math.log10((rank - 0.5) / total), small[j], top, plotW, plotH);
        }
        double step = nl == 0 ? 0 : (double) this.large / nl;
        for (int j = 0; j < nl; j++) {
            double rank = this.small + (nl - j - 0.5) * step;
            plotQq(svg, -Math.log10(Math.min(1, rank / total)), large[j], top, plotW, plotH);
        }
        svg.closeGroup();
        return svg.finish();
    }

    private static void plotQq(Svg svg, double expected, double observed, double top, double plotW, double plotH) {
        svg.dot(LEFT + plotW * Math.min(expected, top) / top, TOP + plotH * (1 - Math.min(observed, top) / top), 1.8);
    }

    private static int tick(double top) {
        return top <= 10 ? 1 : top <= 40 ? 5 : top <= 200 ? 10 : 50;
    }

    private static void axes(Svg svg, int width, String title, String xLabel, double top) {
        svg.text(LEFT, 16, "start", title, "font-size=\"13\"");
        svg.line(LEFT, TOP, LEFT, H - BOTTOM, "black", null);
        svg.line(LEFT, H - BOTTOM, width - RIGHT, H - BOTTOM, "black", null);
        double plotH = H - TOP - BOTTOM;
        for (int v = 0; v <= top; v += tick(top)) {
            double y = TOP + plotH * (1 - v / top);
            svg.line(LEFT - 4, y, LEFT, y, "black", null);
            svg.text(LEFT - 7, y + 4, "end", Integer.toString(v), null);
        }
        svg.text(14, TOP + plotH / 2, "middle", "-log10 p", "transform=\"rotate(-90 14 " + (TOP + plotH / 2) + ")\"");
        svg.text((LEFT + width - RIGHT) / 2.0, H - 8, "middle", xLabel, null);
    }
}
