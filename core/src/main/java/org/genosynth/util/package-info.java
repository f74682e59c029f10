/**
 * Small shared utilities (fast number formatting for reports).
 */
package org.genosynth.util;
