package io.dockwire.sim;

import java.util.SplittableRandom;

/**
 * The one random source of a simulation. Every random choice (MACs, ports, ISNs, jitter) must
 * come from here so that a run is a pure function of its seed and inputs. Not thread-safe:
 * used from the simulation thread only.
 */
public final class SimRandom {
    /** Seed used when a scenario does not set one; fixed so that reruns are byte-identical. */
    public static final long DEFAULT_SEED = 0x5EED_D0C_C3E5L;

    private final SplittableRandom random;
    private final long seed;

    public SimRandom() {
        this(DEFAULT_SEED);
    }

    public SimRandom(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    public int nextInt() {
        return random.nextInt();
    }

    /** Uniform in {@code [0, bound)}. */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public long nextLong() {
        return random.nextLong();
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    /**
     * A random locally administered unicast MAC (first byte: U/L bit set, I/G bit clear), the
     * kind Linux gives a veth or bridge created without an address ({@code eth_random_addr}).
     */
    public long randomMac() {
        long mac = random.nextLong() & 0xFFFF_FFFF_FFFFL;
        return (mac & ~0x0100_0000_0000L) | 0x0200_0000_0000L;
    }
}
