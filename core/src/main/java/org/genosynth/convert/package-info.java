/**
 * Format conversion through the QC pipeline, with sorting and side tables where the target format needs them.
 */
package org.genosynth.convert;
