/**
 * Self-contained HTML reports (inline SVG, no network), verdicts against thresholds, and {@code metrics.json}. Shared
 * by the genotype evaluation and the clinical-table evaluation.
 */
package org.genosynth.report.html;
