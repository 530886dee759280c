package io.mdfe.core.data.demo;

import java.util.SplittableRandom;

/**
 * Random streams keyed by name: every class design and every image gets its own stream derived from
 * the run seed and a stable key, so output does not depend on rendering order or thread count.
 */
final class Seeds {

    private Seeds() {
    }

    /** {@return a random stream for {@code key} under {@code seed}} */
    static SplittableRandom stream(long seed, String key) {
        // FNV-1a over the key's chars (String.hashCode is only 32 bits), then a SplitMix64 finaliser
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return new SplittableRandom(h ^ (h >>> 31));
    }
}
