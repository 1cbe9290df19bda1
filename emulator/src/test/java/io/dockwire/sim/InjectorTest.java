package io.dockwire.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InjectorTest {
    /** Runs a world where a producer thread injects 200 frames while timers tie with them. */
    private static List<String> run(boolean slowProducer) throws InterruptedException {
        Simulator sim = new Simulator();
        List<String> log = new ArrayList<>();
        int h = sim.registerTimerHandler((now, kind, arg) -> log.add(now + ":timer" + kind));
        sim.registerTarget(7, (now, slot, mode) -> {
            byte id = sim.pool().buf(slot)[0];
            sim.pool().release(slot);
            log.add(now + ":frame" + id + ":" + mode);
            if (id % 10 == 0) {
                sim.schedule(now, h, 100 + id, 0); // zero-delay follow-up
            }
        });
        for (int t = 0; t <= 2000; t += 100) {
            sim.schedule(t, h, t / 100, 0); // ties with every 10th injected frame
        }
        Injector inj = sim.openInjector(8, 64);
        Thread producer = new Thread(() -> {
            byte[] b = new byte[60];
            for (int i = 0; i < 100; i++) {
                b[0] = (byte) i;
                inj.inject(i * 10L, 7, i % 2, b, 0, 60);
                if (slowProducer && i % 7 == 0) {
                    LockSupport.parkNanos(200_000);
                }
            }
            inj.close();
        });
        producer.start();
        sim.runUntilQuiet();
        producer.join();
        assertEquals(0, sim.pool().inUse());
        return log;
    }

    @Test
    void resultDoesNotDependOnProducerPace() throws InterruptedException {
        List<String> fast = run(false);
        List<String> slow = run(true);
        assertEquals(fast, slow);
        assertEquals(100 + 21 + 10, fast.size());
        // A timer scheduled before the run ties with the injected frame at t=0 and runs first.
        assertEquals(List.of("0:timer0", "0:frame0:0", "0:timer100", "10:frame1:1"), fast.subList(0, 4));
    }

    @Test
    void runUntilStopsBeforeLaterInjections() throws InterruptedException {
        Simulator sim = new Simulator();
        List<Long> seen = new ArrayList<>();
        sim.registerTarget(1, (now, slot, mode) -> {
            seen.add(now);
            sim.pool().release(slot);
        });
        Injector inj = sim.openInjector(4, 64);
        Thread producer = new Thread(() -> {
            byte[] b = new byte[60];
            for (long t : new long[] {5, 10, 15, 20}) {
                inj.inject(t, 1, Injector.RECEIVE, b, 0, 60);
            }
            inj.close();
        });
        producer.start();
        sim.runUntil(12);
        assertEquals(List.of(5L, 10L), seen);
        assertEquals(12, sim.now());
        sim.runUntilQuiet();
        producer.join();
        assertEquals(List.of(5L, 10L, 15L, 20L), seen);
    }

    @Test
    void decreasingTimesAreRefusedAtTheProducer() {
        Simulator sim = new Simulator();
        Injector inj = sim.openInjector(4, 64);
        inj.inject(10, 1, 0, new byte[60], 0, 60);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> inj.inject(9, 1, 0, new byte[60], 0, 60));
        assertEquals("injection times must not decrease, timeNs=9 previous=10", e.getMessage());
    }

    @Test
    void injectionInTheSimulatedPastIsAnError() {
        Simulator sim = new Simulator();
        sim.registerTarget(1, (now, slot, mode) -> sim.pool().release(slot));
        sim.runFor(100);
        Injector inj = sim.openInjector(4, 64);
        inj.inject(50, 1, 0, new byte[60], 0, 60);
        IllegalStateException e = assertThrows(IllegalStateException.class, sim::runUntilQuiet);
        assertEquals("injected frame is in the simulated past, time=50 now=100", e.getMessage());
    }
}
