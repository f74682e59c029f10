package org.genosynth.reads;

/**
 * One piece of read-simulation work: fragments drawn from intervals of one haplotype of one contig.
 *
 * @param index     unit number (read names, ordering)
 * @param contig    contig name
 * @param refIndex  index of the contig in the reference (BAM)
 * @param hapNumber 1 or 2
 * @param hap       the haplotype
 * @param ref       the contig's reference bases (golden NM/MD tags)
 * @param from      interval starts on the haplotype (0-based)
 * @param to        interval ends (exclusive)
 * @param pairs     read pairs per interval
 * @param centred   fragments are centred in the interval (capture) rather than starting in it
 * @param seed      random seed of the unit
 * @param flushBefore no golden record of this or any later unit of the contig starts before this reference
 *                    position (0-based): records before it can be written in sorted order once this unit is in
 */
record Unit(int index, String contig, int refIndex, int hapNumber, Haplotype hap, byte[] ref, long[] from, long[] to,
            long[] pairs, boolean centred, long seed,
            long flushBefore) {
}
