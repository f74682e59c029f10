/**
 * Synthetic genotype generators: mosaics of real genomes (segments copied with masked word copies between
 * sample-major packed rows, switch points along the genetic map, per-site noise) and randomized response (eps-LDP per
 * genotype), with populations (labels or PCA + k-means), per-population counts, a kinship check against the real
 * genomes, an ancestry filter, phenotype-coupled generation and a manifest. Entry point: {@link
 * org.genosynth.synth.Synthesizer#run(org.genosynth.synth.SynthRequest)}.
 */
package org.genosynth.synth;
