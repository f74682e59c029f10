/**
 * Genotype input and output: reader/writer interfaces, format detection, block streams, user-error reporting and atomic (temp + rename) outputs. Each format lives in its own sub-package.
 */
package org.genosynth.io;
