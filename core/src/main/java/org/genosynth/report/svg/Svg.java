package org.genosynth.report.svg;

import java.util.Locale;

/** Builds an SVG document as text: shapes in user units, numbers with at most one decimal. */
public final class Svg {
    private final StringBuilder sb = new StringBuilder(1 << 14);

    /** A document of {@code width x height} units. */
    public Svg(int width, int height) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    }

    /** Appends a number with at most one decimal. */
    static StringBuilder num(StringBuilder sb, double v) {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            sb.append('-');
            tenths = -tenths;
        }
        sb.append(tenths / 10);
        if (tenths % 10 != 0) {
            sb.append('.').append(tenths % 10);
        }
        return sb;
    }

    public Svg line(double x1, double y1, double x2, double y2, String stroke, String extra) {
        sb.append("<line x1=\"");
        num(sb, x1).append("\" y1=\"");
        num(sb, y1).append("\" x2=\"");
        num(sb, x2).append("\" y2=\"");
        num(sb, y2).append("\" stroke=\"").append(stroke).append('"');
        if (extra != null) {
            sb.append(' ').append(extra);
        }
        sb.append("/>\n");
        return this;
    }

    public Svg text(double x, double y, String anchor, String text, String extra) {
        sb.append("<text x=\"");
        num(sb, x).append("\" y=\"");
        num(sb, y).append("\" text-anchor=\"").append(anchor).append('"');
        if (extra != null) {
            sb.append(' ').append(extra);
        }
        sb.append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /** Opens a group with the given attributes (e.g. {@code fill="#1f77b4"}). */
    public Svg openGroup(String attributes) {
        sb.append("<g ").append(attributes).append(">\n");
        return this;
    }

    public Svg closeGroup() {
        sb.append("</g>\n");
        return this;
    }

    /** A dot of radius r (inherits fill from its group). */
    public Svg dot(double x, double y, double r) {
        sb.append("<circle cx=\"");
        num(sb, x).append("\" cy=\"");
        num(sb, y).append("\" r=\"");
        num(sb, r).append("\"/>\n");
        return this;
    }

    /** A rectangle; {@code extra} holds further attributes such as the fill. */
    public Svg rect(double x, double y, double w, double h, String extra) {
        sb.append("<rect x=\"");
        num(sb, x).append("\" y=\"");
        num(sb, y).append("\" width=\"");
        num(sb, w).append("\" height=\"");
        num(sb, h).append('"');
        if (extra != null) {
            sb.append(' ').append(extra);
        }
        sb.append("/>\n");
        return this;
    }

    /** A polyline through the points (x[i], y[i]); NaN points break nothing, they are skipped. */
    public Svg polyline(double[] x, double[] y, String stroke, String extra) {
        sb.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" points=\"");
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                continue;
            }
            num(sb, x[i]).append(',');
            num(sb, y[i]).append(' ');
        }
        sb.append('"');
        if (extra != null) {
            sb.append(' ').append(extra);
        }
        sb.append("/>\n");
        return this;
    }

    /** The finished document. */
    public String finish() {
        return sb + "</svg>\n";
    }

    /** Escapes text for XML content and attributes. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
