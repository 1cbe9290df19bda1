package io.dockwire.netfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Conntrack#find} tries the slot it found last before the hash: that shortcut must answer
 * exactly as the hash would, also after the entry died and its slot was reused.
 */
class ConntrackFindTest {
    private static final int UDP = 17;
    private final Conntrack t = new Conntrack(16);

    /** A confirmed UDP entry a:ap -> b:bp (reply b:bp -> a:ap) that lives 30 s from {@code now}. */
    private int entry(int a, int ap, int b, int bp, long now) {
        int e = t.alloc(now);
        t.proto[e] = UDP;
        t.setTuple(2 * e, a, b, ap, bp);
        t.setTuple(2 * e + 1, b, a, bp, ap);
        assertTrue(t.confirm(e, now));
        t.refresh(e, now, 30);
        return e;
    }

    @Test
    void lastFoundSlotIsForgottenWhenItsEntryDies() {
        int e = entry(1, 1000, 2, 53, 0);
        assertEquals(2 * e, t.find(1, 2, 1000, 53, UDP, 0));
        assertEquals(2 * e, t.find(1, 2, 1000, 53, UDP, 0)); // the shortcut
        assertEquals(2 * e + 1, t.find(2, 1, 53, 1000, UDP, 0));
        t.kill(e); // the slot still holds the old tuple, but it is no longer hashed
        assertEquals(-1, t.find(2, 1, 53, 1000, UDP, 0));
        assertEquals(-1, t.find(1, 2, 1000, 53, UDP, 0));
        int e2 = entry(3, 2000, 4, 80, 0); // reuses the freed index
        assertEquals(e, e2);
        assertEquals(-1, t.find(1, 2, 1000, 53, UDP, 0));
        assertEquals(2 * e2, t.find(3, 4, 2000, 80, UDP, 0));
        assertEquals(2 * e2, t.find(3, 4, 2000, 80, UDP, 0));
    }

    @Test
    void expiryIsCheckedOnTheShortcutToo() {
        int e = entry(1, 1000, 2, 53, 0);
        assertEquals(2 * e, t.find(1, 2, 1000, 53, UDP, 0));
        assertEquals(1, t.count());
        assertEquals(-1, t.find(1, 2, 1000, 53, UDP, 30 * Conntrack.SEC)); // expired on the way: removed
        assertEquals(0, t.count());
        assertEquals(-1, t.find(1, 2, 1000, 53, UDP, 30 * Conntrack.SEC));
    }

    @Test
    void alternatingFlowsFindTheirOwnEntries() {
        int a = entry(1, 1000, 2, 53, 0);
        int b = entry(1, 1001, 2, 53, 0);
        for (int i = 0; i < 4; i++) {
            assertEquals(2 * a, t.find(1, 2, 1000, 53, UDP, i));
            assertEquals(2 * b, t.find(1, 2, 1001, 53, UDP, i));
            assertEquals(2 * b + 1, t.find(2, 1, 53, 1001, UDP, i));
            assertEquals(-1, t.find(2, 1, 53, 1002, UDP, i));
        }
    }
}
