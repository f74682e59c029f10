/**
 * Small shared utilities (fast number formatting for reports, bit tricks of the packed kernels).
 */
package org.genosynth.util;
