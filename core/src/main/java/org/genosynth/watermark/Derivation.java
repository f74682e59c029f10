package org.genosynth.watermark;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where a watermark's randomness comes from: HMAC-SHA256 of a secret key and a label (keyed watermarks: whoever holds
 * the key derives the same SNP IDs, positions and patterns, nobody else can), or a plain seed (SynGen6 mode).
 */
final class Derivation {
    private final byte[] key;
    private final long seed;

    private Derivation(byte[] key, long seed) {
        this.key = key == null ? null : key.clone();
        this.seed = seed;
    }

    static Derivation keyed(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a watermark key needs at least 16 bytes");
        }
        return new Derivation(key, 0);
    }

    static Derivation seeded(long seed) {
        return new Derivation(null, seed);
    }

    boolean isKeyed() {
        return key != null;
    }

    /** HMAC-SHA256(key, label), or a hash of (seed, label) without a key. */
    byte[] bytes(String label) {
        if (key == null) {
            long h = seed * 0x9E3779B97F4A7C15L;
            for (int i = 0; i < label.length(); i++) {
                h = (h ^ label.charAt(i)) * 0xBF58476D1CE4E5B9L;
                h ^= h >>> 29;
            }
            return ByteBuffer.allocate(8).putLong(h).array();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A random stream for {@code label}. */
    SplittableRandom stream(String label) {
        return new SplittableRandom(ByteBuffer.wrap(bytes(label)).getLong());
    }
}
