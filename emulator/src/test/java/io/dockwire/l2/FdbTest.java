package io.dockwire.l2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Fdb#find} answers from its two most recent records before the map: always the map's answer. */
class FdbTest {
    @Test
    void recentRecordsAnswerOnlyForTheirOwnMac() {
        Fdb f = new Fdb();
        int a = f.add(0x0242_ac11_0002L, 1, 0, false);
        int b = f.add(0x0242_ac11_0003L, 2, 0, false);
        for (int i = 0; i < 3; i++) { // learn a, look up b: both answered from the recent pair after the first round
            assertEquals(a, f.find(0x0242_ac11_0002L));
            assertEquals(b, f.find(0x0242_ac11_0003L));
        }
        assertEquals(Fdb.MISSING, f.find(0x0242_ac11_0004L));
        f.remove(a); // aged out: its record still holds the MAC, but is not in use
        assertEquals(Fdb.MISSING, f.find(0x0242_ac11_0002L));
        int c = f.add(0x0242_ac11_0005L, 3, 0, false); // reuses a's record
        assertEquals(a, c);
        assertEquals(Fdb.MISSING, f.find(0x0242_ac11_0002L));
        assertEquals(c, f.find(0x0242_ac11_0005L));
        assertEquals(b, f.find(0x0242_ac11_0003L));
        assertEquals(3, f.port(f.find(0x0242_ac11_0005L)));
    }
}
