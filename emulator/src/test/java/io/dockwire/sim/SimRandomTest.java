package io.dockwire.sim;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimRandomTest {
    @Property
    void sameSeedSameSequence(@ForAll long seed) {
        SimRandom a = new SimRandom(seed);
        SimRandom b = new SimRandom(seed);
        for (int i = 0; i < 5; i++) {
            assertEquals(a.nextLong(), b.nextLong());
            assertEquals(a.randomMac(), b.randomMac());
        }
    }

    @Property
    void randomMacIsLocallyAdministeredUnicast(@ForAll long seed) {
        long mac = new SimRandom(seed).randomMac();
        assertEquals(0, mac >>> 48);
        assertEquals(0x02, (mac >>> 40) & 0x03);
    }
}
