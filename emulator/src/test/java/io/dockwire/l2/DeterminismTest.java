package io.dockwire.l2;

import io.dockwire.sim.SimRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DeterminismTest {
    /** Random traffic (all choices from the world's seeded SimRandom) with ties, floods and ageing. */
    private static long run(long seed) {
        Lan lan = new Lan(5, seed);
        lan.br.setAgeingTimeNs(50_000);
        SimRandom r = lan.world.sim().random();
        for (int k = 0; k < 2000; k++) {
            int from = 1 + r.nextInt(5);
            int to = r.nextInt(7); // 0: broadcast, 6: an unknown station
            long dst = to == 0 ? io.dockwire.wire.MacAddress.BROADCAST : Lan.mac(to);
            lan.send(from, dst, 60 + r.nextInt(1400), (long) r.nextInt(200) * 500); // many ties
        }
        lan.run();
        assertEquals(0, lan.world.sim().pool().inUse());
        return lan.sink.hash() ^ lan.sink.frames.size() * 31L ^ lan.world.sim().eventCount();
    }

    @Test
    void identicalRunsGiveIdenticalCaptureSequences() {
        assertEquals(run(42), run(42));
        assertEquals(run(SimRandom.DEFAULT_SEED), run(SimRandom.DEFAULT_SEED));
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        assertNotEquals(run(42), run(43));
    }
}
