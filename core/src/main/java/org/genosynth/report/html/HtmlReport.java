package org.genosynth.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.AtomicOutput;
import org.genosynth.report.svg.Svg;

/**
 * A self-contained HTML report: a title, facts about the inputs, a one-screen summary of verdicts, then sections of
 * text, inline SVG figures and tables. Nothing is loaded from the network; the file reads offline in any browser.
 */
public final class HtmlReport {
    /** One line of the summary table. */
    public record SummaryRow(String section, String metric, String value, String threshold, Verdict verdict,
            String meaning) {
    }

    private final String title;
    private final List<String[]> facts = new ArrayList<>();
    private final List<SummaryRow> summary = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    /** A fact shown under the title (input paths, sizes, versions). */
    public HtmlReport fact(String name, String value) {
        facts.add(new String[] {name, value});
        return this;
    }

    public HtmlReport summary(SummaryRow row) {
        summary.add(row);
        return this;
    }

    public List<SummaryRow> summaryRows() {
        return List.copyOf(summary);
    }

    /** Appends a section and returns it for filling. */
    public Section section(String heading) {
        Section s = new Section(heading);
        sections.add(s);
        return s;
    }

    /** A section: paragraphs, rows of figures and tables, in the order added. */
    public static final class Section {
        private final String heading;
        private final StringBuilder body = new StringBuilder();

        private Section(String heading) {
            this.heading = heading;
        }

        /** A paragraph of plain text (escaped). */
        public Section text(String text) {
            body.append("<p>").append(Svg.escape(text)).append("</p>\n");
            return this;
        }

        /** A sub-heading. */
        public Section subheading(String text) {
            body.append("<h3>").append(Svg.escape(text)).append("</h3>\n");
            return this;
        }

        /** SVG documents side by side (they wrap on narrow screens). */
        public Section figures(String... svgs) {
            body.append("<div class=\"figs\">\n");
            for (String svg : svgs) {
                body.append("<figure>").append(svg).append("</figure>\n");
            }
            body.append("</div>\n");
            return this;
        }

        /** A table; cells are plain text. */
        public Section table(String[] header, List<String[]> rows) {
            body.append("<table><thead><tr>");
            for (String h : header) {
                body.append("<th>").append(Svg.escape(h)).append("</th>");
            }
            body.append("</tr></thead><tbody>\n");
            for (String[] r : rows) {
                body.append("<tr>");
                for (String c : r) {
                    body.append("<td>").append(Svg.escape(c == null ? "" : c)).append("</td>");
                }
                body.append("</tr>\n");
            }
            body.append("</tbody></table>\n");
            return this;
        }
    }

    /** The whole document. */
    public String render() {
        StringBuilder sb = new StringBuilder(1 << 20);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(Svg.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        sb.append("<h1>").append(Svg.escape(title)).append("</h1>\n<dl class=\"facts\">");
        for (String[] f : facts) {
            sb.append("<dt>").append(Svg.escape(f[0])).append("</dt><dd>").append(Svg.escape(f[1])).append("</dd>");
        }
        sb.append("</dl>\n");
        if (!summary.isEmpty()) {
            sb.append("<section id=\"summary\"><h2>Summary</h2>\n<p class=\"counts\">");
            for (Verdict v : Verdict.values()) {
                long n = summary.stream().filter(r -> r.verdict == v).count();
                if (n > 0) {
                    sb.append("<span class=\"v ").append(v.cssClass()).append("\">").append(n).append(' ')
                            .append(v.label()).append("</span> ");
                }
            }
            sb.append("</p>\n<table class=\"summary\"><thead><tr><th>area</th><th>metric</th><th>value</th>"
                    + "<th>verdict</th><th>thresholds</th><th>what it means</th></tr></thead><tbody>\n");
            for (SummaryRow r : summary) {
                sb.append("<tr><td>").append(Svg.escape(r.section)).append("</td><td>").append(Svg.escape(r.metric))
                        .append("</td><td class=\"num\">").append(Svg.escape(r.value)).append("</td><td><span class=\"v ")
                        .append(r.verdict.cssClass()).append("\">").append(r.verdict.label()).append("</span></td><td>")
                        .append(Svg.escape(r.threshold)).append("</td><td>").append(Svg.escape(r.meaning))
                        .append("</td></tr>\n");
            }
            sb.append("</tbody></table></section>\n");
        }
        for (Section s : sections) {
            sb.append("<section><h2>").append(Svg.escape(s.heading)).append("</h2>\n").append(s.body)
                    .append("</section>\n");
        }
        sb.append("<footer>Written by genosynth. Self-contained: figures are inline SVG.</footer>\n</body></html>\n");
        return sb.toString();
    }

    /** Writes the report atomically (temporary name, renamed when complete). */
    public void write(Path path) throws IOException {
        writeText(path, render());
    }

    /** Writes a text file atomically (temporary name in the same directory, renamed when complete). */
    public static void writeText(Path path, String text) throws IOException {
        try (AtomicOutput out = new AtomicOutput()) {
            Files.writeString(out.temp(path), text, StandardCharsets.UTF_8);
            out.commit();
        }
    }

    private static final String CSS = """
            body{font-family:-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px auto;max-width:1400px;color:#222;
            padding:0 16px;line-height:1.4}
            h1{margin-bottom:4px}h2{border-bottom:2px solid #1f4e9c;padding-bottom:3px;margin-top:32px}
            dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 14px;font-size:13px;color:#444}
            dl.facts dt{font-weight:600}dl.facts dd{margin:0;word-break:break-all}
            table{border-collapse:collapse;font-size:13px;margin:8px 0}
            th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f3f5f9}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .v{display:inline-block;padding:1px 8px;border-radius:9px;font-weight:600;font-size:12px;color:white}
            .v.pass{background:#2a9d57}.v.warn{background:#e0a020}.v.fail{background:#c0392b}.v.info{background:#7a8799}
            .v.na{background:#e4e7eb;color:#555}
            .figs{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0;border:1px solid #eee}
            footer{margin-top:40px;font-size:12px;color:#777}
            """;
}
