package io.mdfe.core.index.annoy;

/**
 * Annoy's 64-bit KISS generator ({@code Kiss64Random} in kissrandom.h), bit for bit: the generator
 * behind Python's annoy module, so a tree built from the same seed draws the same numbers.
 */
final class Kiss64Random {

    /** kissrandom.h's default seed, used when no seed is set. */
    static final long DEFAULT_SEED = 1234567890987654321L;

    private long x;
    private long y = 362436362436362436L;
    private long z = 1066149217761810L;
    private long c = 123456123456123456L;

    /** A generator whose {@code x} state is {@code seed} (annoylib's constructor and {@code set_seed}). */
    Kiss64Random(long seed) {
        if (seed == 0) {
            throw new IllegalArgumentException("KISS needs a non-zero seed");
        }
        this.x = seed;
    }

    /** {@code kiss()}: the next 64 random bits. */
    long next() {
        z = 6906969069L * z + 1234567;
        y ^= y << 13;
        y ^= y >>> 17;
        y ^= y << 43;
        // multiply-with-carry: (2^58 + 1) * x + c, carry detected by unsigned overflow
        long t = (x << 58) + c;
        c = x >>> 6;
        x += t;
        c += Long.compareUnsigned(x, t) < 0 ? 1 : 0;
        return x + y + z;
    }

    /** {@code flip()}: 0 or 1. */
    int flip() {
        return (int) (next() & 1);
    }

    /** {@code index(n)}: {@code kiss() % n} as unsigned 64-bit. */
    int index(int n) {
        return (int) Long.remainderUnsigned(next(), n);
    }
}
