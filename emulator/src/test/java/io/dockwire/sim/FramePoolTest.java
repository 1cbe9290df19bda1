package io.dockwire.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FramePoolTest {
    @Test
    void sharedSlotIsFreedWhenTheLastReferenceGoes() {
        FramePool pool = new FramePool(4, 128, 8);
        int s = pool.alloc(60);
        pool.retain(s, 2);
        assertEquals(3, pool.refCount(s));
        pool.release(s);
        pool.release(s);
        assertEquals(1, pool.inUse());
        pool.release(s);
        assertEquals(0, pool.inUse());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.release(s));
        assertEquals("release of a free frame slot, slot=" + s, e.getMessage());
    }

    @Test
    void writableCopiesASharedSlotAndKeepsASoleOne() {
        FramePool pool = new FramePool(4, 128, 8);
        int s = pool.allocCopy(new byte[] {1, 2, 3}, 0, 3);
        assertEquals(s, pool.writable(s));
        pool.retain(s);
        int w = pool.writable(s);
        assertNotEquals(s, w);
        assertEquals(1, pool.refCount(s));
        assertEquals(3, pool.len(w));
        assertEquals(2, pool.buf(w)[1]);
    }

    @Test
    void headerCheckedIsClearedByALengthChangeACopyAndReuseAndLeavesLengthAndPartialAlone() {
        FramePool pool = new FramePool(2, 128, 8);
        int s = pool.allocCopy(new byte[64], 0, 64);
        assertFalse(pool.ipv4HeaderChecked(s));
        pool.setCsumPartial(s);
        pool.setIpv4HeaderChecked(s);
        assertTrue(pool.ipv4HeaderChecked(s));
        assertTrue(pool.csumPartial(s));
        assertEquals(64, pool.len(s));
        pool.retain(s);
        int w = pool.writable(s);
        assertFalse(pool.ipv4HeaderChecked(w), "a copy is checked again");
        assertTrue(pool.csumPartial(w));
        assertTrue(pool.ipv4HeaderChecked(s));
        pool.setLen(s, 60);
        assertFalse(pool.ipv4HeaderChecked(s), "the total length check depends on the frame's length");
        assertTrue(pool.csumPartial(s));
        assertEquals(60, pool.len(s));
        pool.setIpv4HeaderChecked(s);
        pool.release(s);
        pool.release(w);
        assertFalse(pool.ipv4HeaderChecked(pool.alloc(64)));
        assertFalse(pool.ipv4HeaderChecked(pool.alloc(64)));
    }

    @Test
    void checksumPartialIsClearOnAFreshSlotAndKeptByLengthChangesAndCopies() {
        FramePool pool = new FramePool(2, 128, 8);
        int s = pool.allocCopy(new byte[] {1, 2, 3, 4}, 0, 4);
        assertFalse(pool.csumPartial(s));
        pool.setCsumPartial(s);
        assertTrue(pool.csumPartial(s));
        assertEquals(4, pool.len(s));
        pool.setLen(s, 3);
        assertTrue(pool.csumPartial(s));
        assertEquals(3, pool.len(s));
        pool.retain(s);
        int w = pool.writable(s);
        assertNotEquals(s, w);
        assertTrue(pool.csumPartial(w));
        assertEquals(3, pool.len(w));
        pool.release(s);
        pool.release(w);
        int again = pool.alloc(10);
        assertFalse(pool.csumPartial(again));
        assertEquals(10, pool.len(again));
    }

    @Test
    void growsUpToTheCeilingThenReportsALeak() {
        FramePool pool = new FramePool(2, 64, 4);
        for (int i = 0; i < 4; i++) {
            pool.alloc(10);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.alloc(10));
        assertEquals("frame pool exhausted: 4 frames in flight (maxSlots=4); a leaked slot or an unbounded queue?",
                e.getMessage());
    }

    @Test
    void rejectsFramesLongerThanASlot() {
        FramePool pool = new FramePool(2, 64, 4);
        assertThrows(IllegalArgumentException.class, () -> pool.alloc(65));
    }
}
