/**
 * A small SVG writer of our own ({@link org.genosynth.report.svg.Svg}) and the GWAS plots built on it
 * ({@link org.genosynth.report.svg.GwasPlots}: Manhattan and QQ). No dependency; coordinates with one decimal so that
 * plots of tens of thousands of points stay small.
 */
package org.genosynth.report.svg;
