/**
 * PLINK 1 binary filesets: .bed (variant-major, plain or gzipped), .bim and .fam.
 */
package org.genosynth.io.plink;
