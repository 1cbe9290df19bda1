package io.dockwire.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTest {
    private final Simulator sim = new Simulator();
    private final List<String> log = new ArrayList<>();
    private final int handler = sim.registerTimerHandler((now, kind, arg) -> log.add(now + ":t" + kind));

    @Test
    void eventsAtTheSameNanosecondRunInSchedulingOrder() {
        int ch = sim.addChannel((now, slot, arg) -> {
            log.add(now + ":l" + arg);
            sim.pool().release(slot);
        });
        sim.schedule(100, handler, 1, 0);
        sim.send(ch, 100, sim.pool().alloc(60), 2);
        sim.schedule(100, handler, 3, 0);
        sim.send(ch, 50, sim.pool().alloc(60), 4); // FIFO: raised to the tail's 100
        sim.schedule(99, handler, 5, 0);
        assertEquals(5, sim.runUntilQuiet());
        assertEquals(List.of("99:t5", "100:t1", "100:l2", "100:t3", "100:l4"), log);
        assertEquals(100, sim.now());
        assertEquals(0, sim.pool().inUse());
    }

    @Test
    void channelsInterleaveByArrivalTime() {
        int a = sim.addChannel((now, slot, arg) -> {
            log.add(now + ":a" + arg);
            sim.pool().release(slot);
        });
        int b = sim.addChannel((now, slot, arg) -> {
            log.add(now + ":b" + arg);
            sim.pool().release(slot);
        });
        for (int i = 0; i < 3; i++) {
            sim.send(a, 10 + 20 * i, sim.pool().alloc(60), i);
            sim.send(b, 20 + 20 * i, sim.pool().alloc(60), i);
        }
        sim.runUntilQuiet();
        assertEquals(List.of("10:a0", "20:b0", "30:a1", "40:b1", "50:a2", "60:b2"), log);
    }

    @Test
    void runUntilRunsEventsAtOrBeforeTheLimitAndSetsTheClock() {
        sim.schedule(10, handler, 1, 0);
        sim.schedule(20, handler, 2, 0);
        sim.schedule(21, handler, 3, 0);
        sim.runUntil(20);
        assertEquals(List.of("10:t1", "20:t2"), log);
        assertEquals(20, sim.now());
        sim.runFor(5_000_000_000L); // a scenario "sleep 5"
        assertEquals(5_000_000_020L, sim.now());
        assertEquals(List.of("10:t1", "20:t2", "21:t3"), log);
        assertThrows(IllegalArgumentException.class, () -> sim.runUntil(0));
    }

    @Test
    void runForAdvancesTheClockWithNothingPending() {
        sim.runFor(300_000_000_000L);
        assertEquals(300_000_000_000L, sim.now());
        assertEquals(0, sim.runUntilQuiet());
        assertEquals(300_000_000_000L, sim.now());
    }

    @Test
    void runUntilQuietStopsAtTheLastEvent() {
        sim.schedule(7, handler, 1, 0);
        assertEquals(1, sim.runUntilQuiet());
        assertEquals(7, sim.now());
    }

    @Test
    void cancelledTimerIsNeverDispatchedNorCounted() {
        long h = sim.schedule(10, handler, 1, 0);
        sim.schedule(20, handler, 2, 0);
        assertTrue(sim.isPending(h));
        assertTrue(sim.cancel(h));
        assertFalse(sim.cancel(h));
        assertFalse(sim.isPending(h));
        assertEquals(1, sim.pendingTimers());
        assertEquals(1, sim.runUntilQuiet());
        assertEquals(List.of("20:t2"), log);
        assertEquals(1, sim.eventCount());
        assertEquals(1, sim.cancelledTimersDiscarded());
    }

    @Test
    void staleHandleDoesNotCancelAReusedTimer() {
        long h1 = sim.schedule(10, handler, 1, 0);
        sim.runUntilQuiet();
        long h2 = sim.schedule(20, handler, 2, 0); // reuses the record of h1
        assertFalse(sim.cancel(h1));
        assertTrue(sim.isPending(h2));
        sim.runUntilQuiet();
        assertEquals(List.of("10:t1", "20:t2"), log);
    }

    @Test
    void manyCancelledTimersCostNoDispatch() {
        long[] handles = new long[10_000];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = sim.schedule(1_000 + i, handler, 9, i);
        }
        for (long h : handles) {
            sim.cancel(h);
        }
        assertEquals(0, sim.runUntilQuiet()); // nothing live: quiet at once
        assertEquals(0, sim.now());
        sim.runUntil(20_000);                 // the marks surface and are dropped undispatched
        assertEquals(List.of(), log);
        assertEquals(0, sim.eventCount());
        assertEquals(10_000, sim.cancelledTimersDiscarded());
    }

    @Test
    void timerThatReArmsForeverHitsTheEventCap() {
        Simulator s = new Simulator();
        int[] id = new int[1];
        id[0] = s.registerTimerHandler((now, kind, arg) -> s.schedule(now + 1, id[0], 0, 0));
        s.setEventCap(1000);
        s.schedule(0, id[0], 0, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, s::runUntilQuiet);
        assertEquals("simulation did not go quiet after 1000 events (now=999 ns, event cap=1000);"
                + " a forwarding loop or a timer that re-arms forever?", e.getMessage());
    }

    @Test
    void daemonTimersRunInOrderButDoNotKeepTheSimulationBusy() {
        sim.scheduleDaemon(50, handler, 1, 0);
        sim.schedule(100, handler, 2, 0);
        sim.scheduleDaemon(200, handler, 3, 0);
        assertEquals(2, sim.runUntilQuiet());
        assertEquals(List.of("50:t1", "100:t2"), log);
        assertEquals(100, sim.now());
        sim.runFor(100);
        assertEquals(List.of("50:t1", "100:t2", "200:t3"), log);
    }

    @Test
    void schedulingInThePastIsRefused() {
        sim.runFor(100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.schedule(99, handler, 0, 0));
        assertEquals("timer in the past, time=99 now=100", e.getMessage());
    }

    @Test
    void injectAtFromTheSimulationThreadReachesTheTarget() {
        List<String> got = new ArrayList<>();
        sim.registerTarget(3, (now, slot, mode) -> {
            got.add(now + ":" + sim.pool().len(slot) + ":" + mode);
            sim.pool().release(slot);
        });
        sim.injectAt(50, 3, Injector.TRANSMIT, sim.pool().alloc(64));
        sim.injectAt(40, 3, Injector.RECEIVE, sim.pool().alloc(60));
        sim.runUntilQuiet();
        assertEquals(List.of("40:60:0", "50:64:1"), got);
        assertThrows(IllegalArgumentException.class, () -> sim.injectAt(60, 4, 0, 0));
    }
}
