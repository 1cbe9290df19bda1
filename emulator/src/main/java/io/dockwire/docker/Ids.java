package io.dockwire.docker;

import java.util.SplittableRandom;

/** Every random choice of the engine, from one seeded source, so a run is a function of its seed. */
final class Ids {
    private final SplittableRandom random;

    Ids(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A 64-hex-digit id as Docker uses for containers, networks, endpoints and sandboxes. */
    String id64() {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            sb.append(String.format("%016x", random.nextLong()));
        }
        return sb.toString();
    }

    /** libnetwork's netutils.GenerateIfaceName("veth", 7): "veth" + 7 random hex digits. */
    String vethName() {
        return "veth" + String.format("%07x", random.nextInt(1 << 28));
    }

    /** A MAC with Docker's 02:42 prefix and 4 random bytes (profile 27's bridge MAC). */
    String mac0242() {
        int r = random.nextInt();
        return String.format("02:42:%02x:%02x:%02x:%02x", (r >>> 24) & 255, (r >>> 16) & 255, (r >>> 8) & 255, r & 255);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
