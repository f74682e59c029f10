#!/usr/bin/env python3
"""A simulated recombinant-inbred strain panel, as GEMMA's BXD example is made: every strain a mosaic of two founders,
coded 0/1 in BIMBAM (PREFIX.geno.txt.gz and PREFIX.anno.txt.gz: ID, position, chromosome, cM).

Each chromosome starts at a random founder and switches at 4 per Morgan (the map expansion of recombinant-inbred
lines made by sib mating), markers every STEP cM; positions are 1 Mb per cM. Used to measure `synth` defaults on a
strain panel (docs/synth.md, "Recombinant-inbred strain panels"), e.g.
  bench/ri_panel.py bench/work/bxd 200 8 100 0.2 11 && bench/synth_cohorts.sh bxd=bench/work/bxd.geno.txt.gz
   usage: bench/ri_panel.py OUT_PREFIX [STRAINS=200] [CHROMOSOMES=8] [CHROMOSOME_CM=100] [STEP_CM=0.2] [SEED=11]
"""
import bisect
import gzip
import random
import sys

out = sys.argv[1]
strains, chroms, length, step, seed = (int(sys.argv[2]) if len(sys.argv) > 2 else 200,
                                       int(sys.argv[3]) if len(sys.argv) > 3 else 8,
                                       float(sys.argv[4]) if len(sys.argv) > 4 else 100.0,
                                       float(sys.argv[5]) if len(sys.argv) > 5 else 0.2,
                                       int(sys.argv[6]) if len(sys.argv) > 6 else 11)
rng = random.Random(seed)
markers = int(round(length / step))
with gzip.open(out + '.geno.txt.gz', 'wt') as geno, gzip.open(out + '.anno.txt.gz', 'wt') as anno:
    for c in range(chroms):
        # per strain: the founder at the chromosome's start and the sorted switch points
        plans = []
        for _ in range(strains):
            switches, at = [], rng.expovariate(4 / 100.0)
            while at < length:
                switches.append(at)
                at += rng.expovariate(4 / 100.0)
            plans.append((rng.randrange(2), switches))
        for v in range(markers):
            cm = v * step
            codes = [str((start + bisect.bisect_right(sw, cm)) % 2) for start, sw in plans]
            vid = 'c%d_m%d' % (c + 1, v)
            geno.write(', '.join([vid, 'A', 'G'] + codes) + '\n')
            anno.write('%s\t%d\t%d\t%.3f\n' % (vid, int(cm * 1e6) + 1, c + 1, cm))
print('%s: %d strains x %d markers (%d chromosomes of %g cM)' % (out, strains, markers * chroms, chroms, length))
