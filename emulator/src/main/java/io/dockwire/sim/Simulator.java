package io.dockwire.sim;

import java.util.Arrays;

/**
 * The discrete-event core: simulated time in nanoseconds, three sources of events and one
 * thread that owns all state.
 *
 * <ul>
 *   <li>link arrivals - a frame reaches the far end of a fixed-delay channel ({@link #send});</li>
 *   <li>timers - {@link #schedule} / {@link #cancel}, dispatched to a registered
 *       {@link TimerHandler};</li>
 *   <li>injected frames from another thread through an {@link Injector}.</li>
 * </ul>
 * Events run in (time, sequence) order; the sequence number is taken from one counter when an
 * event is scheduled, so events at the same nanosecond run in scheduling order and a rerun is
 * identical. Nothing here reads the wall clock. Zero-delay hand-offs inside a host (bridge to
 * its own stack, forwarding decisions) are plain method calls, not events.
 *
 * <p>Not thread-safe: every method except those of {@link Injector}'s producer side must be
 * called from the simulation thread.
 */
public final class Simulator {
    /** Default ceiling on events per run call; hitting it means a loop or a runaway timer. */
    public static final long DEFAULT_EVENT_CAP = 1_000_000_000L;

    private final FramePool pool;
    private final SimRandom random;
    private final LinkQueues links = new LinkQueues();
    private final TimerQueue timers = new TimerQueue();
    private TimerHandler[] timerHandlers = new TimerHandler[8];
    private int timerHandlerCount;
    private ArrivalHandler[] targets = new ArrivalHandler[16];
    private final int injectHandler;

    private long now;
    private long nextSeq;
    private long events;
    private long eventCap = DEFAULT_EVENT_CAP;

    private Injector injector;
    private boolean injectorEnded = true;
    private boolean peeked;
    private long peekTime;
    private long peekSeq;
    private int peekSlot;
    private int peekTarget;
    private int peekMode;

    public Simulator() {
        this(new SimRandom(), new FramePool());
    }

    public Simulator(long seed) {
        this(new SimRandom(seed), new FramePool());
    }

    public Simulator(SimRandom random, FramePool pool) {
        this.random = random;
        this.pool = pool;
        this.injectHandler = registerTimerHandler(this::onInjectTimer);
    }

    public long now() {
        return now;
    }

    public FramePool pool() {
        return pool;
    }

    public SimRandom random() {
        return random;
    }

    /** Events dispatched since creation (link arrivals, live timers, injections). */
    public long eventCount() {
        return events;
    }

    /** Cancelled timers that surfaced and were dropped without dispatch. */
    public long cancelledTimersDiscarded() {
        return timers.discarded();
    }

    /** Timers scheduled and neither fired nor cancelled. */
    public int pendingTimers() {
        return timers.pending();
    }

    public void setEventCap(long cap) {
        if (cap <= 0) {
            throw new IllegalArgumentException("event cap must be positive, cap=" + cap);
        }
        this.eventCap = cap;
    }

    // ---- links --------------------------------------------------------------------------

    /** A new one-direction channel whose arrivals go to {@code handler}; returns its id. */
    public int addChannel(ArrivalHandler handler) {
        return links.addChannel(handler);
    }

    /**
     * Puts {@code slot} on channel {@code channel} to arrive at {@code arrivalTime}; the
     * channel's handler gets it then (with {@code arg}). Transfers one reference.
     */
    public void send(int channel, long arrivalTime, int slot, int arg) {
        if (arrivalTime < now) {
            throw new IllegalArgumentException("arrival in the past, arrivalTime=" + arrivalTime + " now=" + now);
        }
        links.enqueue(channel, arrivalTime, nextSeq++, slot, arg);
    }

    /** Frames in flight on a channel. */
    public int queued(int channel) {
        return links.queued(channel);
    }

    // ---- timers -------------------------------------------------------------------------

    public int registerTimerHandler(TimerHandler handler) {
        if (timerHandlerCount == timerHandlers.length) {
            timerHandlers = Arrays.copyOf(timerHandlers, timerHandlerCount * 2);
        }
        timerHandlers[timerHandlerCount] = handler;
        return timerHandlerCount++;
    }

    /** Schedules {@code handler.onTimer(time, kind, arg)}; returns a handle for {@link #cancel}. */
    public long schedule(long time, int handler, int kind, long arg) {
        if (time < now) {
            throw new IllegalArgumentException("timer in the past, time=" + time + " now=" + now);
        }
        if (handler < 0 || handler >= timerHandlerCount) {
            throw new IllegalArgumentException("unknown timer handler, handler=" + handler);
        }
        return timers.schedule(time, nextSeq++, handler, kind, arg, false);
    }

    /**
     * Schedules a housekeeping timer (fdb/neighbour/conntrack garbage collection) that does not
     * keep the simulation busy: {@link #runUntilQuiet()} stops when only such timers remain.
     * It still runs in order whenever the clock passes it. Only for work whose effect is also
     * applied lazily (an expired entry is treated as absent on lookup), so stopping early
     * changes nothing observable.
     */
    public long scheduleDaemon(long time, int handler, int kind, long arg) {
        if (time < now) {
            throw new IllegalArgumentException("timer in the past, time=" + time + " now=" + now);
        }
        if (handler < 0 || handler >= timerHandlerCount) {
            throw new IllegalArgumentException("unknown timer handler, handler=" + handler);
        }
        return timers.schedule(time, nextSeq++, handler, kind, arg, true);
    }

    public long scheduleIn(long delayNs, int handler, int kind, long arg) {
        return schedule(now + delayNs, handler, kind, arg);
    }

    /** Cancels a pending timer; false if it already fired or was cancelled. */
    public boolean cancel(long handle) {
        return timers.cancel(handle);
    }

    public boolean isPending(long handle) {
        return timers.isPending(handle);
    }

    // ---- injection ----------------------------------------------------------------------

    /** Registers a device (or anything) that injected frames can address by {@code id}. */
    public void registerTarget(int id, ArrivalHandler target) {
        if (id < 0) {
            throw new IllegalArgumentException("target id must not be negative, id=" + id);
        }
        if (id >= targets.length) {
            targets = Arrays.copyOf(targets, Math.max(id + 1, targets.length * 2));
        }
        targets[id] = target;
    }

    /**
     * From the simulation thread: at {@code time}, target {@code id} gets {@code slot} with
     * {@code mode} ({@link Injector#TRANSMIT} or {@link Injector#RECEIVE}). Transfers one reference.
     */
    public long injectAt(long time, int id, int mode, int slot) {
        target(id);
        return schedule(time, injectHandler, id, ((long) slot << 8) | mode);
    }

    /**
     * Opens the ring through which one other thread injects frames; see {@link Injector} for
     * how determinism is kept. Only one injector per simulation.
     */
    public Injector openInjector(int ringSize, int maxFrame) {
        if (injector != null) {
            throw new IllegalStateException("an injector is already open");
        }
        if (maxFrame > pool.slotSize()) {
            throw new IllegalArgumentException("maxFrame exceeds the frame pool slot size, maxFrame=" + maxFrame
                    + " slotSize=" + pool.slotSize());
        }
        injector = new Injector(ringSize, maxFrame);
        injectorEnded = false;
        return injector;
    }

    private ArrivalHandler target(int id) {
        ArrivalHandler t = id >= 0 && id < targets.length ? targets[id] : null;
        if (t == null) {
            throw new IllegalArgumentException("no injection target with id=" + id);
        }
        return t;
    }

    private void onInjectTimer(long t, int id, long arg) {
        target(id).onArrival(t, (int) (arg >>> 8), (int) (arg & 0xFF));
    }

    private void peekInjection() {
        Injector.Entry e = injector.take();
        if (e.end) {
            injectorEnded = true;
        } else {
            if (e.time < now) {
                injector.done();
                throw new IllegalStateException("injected frame is in the simulated past, time=" + e.time
                        + " now=" + now);
            }
            target(e.target);
            peekSlot = pool.allocCopy(e.data, 0, e.len);
            peekTime = e.time;
            peekTarget = e.target;
            peekMode = e.mode;
            peekSeq = nextSeq++;
            peeked = true;
        }
        injector.done();
    }

    // ---- running ------------------------------------------------------------------------

    /** Runs every event at or before {@code t}, then sets the clock to {@code t}. */
    public void runUntil(long t) {
        if (t < now) {
            throw new IllegalArgumentException("cannot run backwards, t=" + t + " now=" + now);
        }
        long start = events;
        while (step(t)) {
            checkCap(start);
        }
        now = t;
    }

    /** Advances the clock by {@code ns}, running everything due on the way (a scenario's sleep). */
    public void runFor(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("duration must not be negative, ns=" + ns);
        }
        runUntil(now + ns);
    }

    /**
     * Runs until nothing is pending: no frame in flight, no live timer other than daemon timers
     * ({@link #scheduleDaemon}) and (if an injector is open) the producer closed. The clock stays
     * at the last event's time. Returns the number of events run. Throws if the event cap is
     * reached, which means a loop or a timer that re-arms forever.
     */
    public long runUntilQuiet() {
        long start = events;
        do {
            drainLinks(start);
        } while (busy() && step(Long.MAX_VALUE) && checkCap(start));
        return events - start;
    }

    /**
     * The usual events in a row: link arrivals due before every timer while no injector is open
     * and no injected frame waits.
     */
    private void drainLinks(long start) {
        while (injectorEnded && stepLink(Long.MAX_VALUE)) {
            checkCap(start);
        }
    }

    private boolean busy() {
        return !links.isEmpty() || timers.nonDaemonPending() > 0 || peeked || !injectorEnded;
    }

    /** Runs at most one event at or before {@code limit}; false if there was none. */
    public boolean step(long limit) {
        if (!injectorEnded && !peeked) {
            peekInjection();
        }
        return stepLink(limit) || stepOther(limit);
    }

    /**
     * The usual case of {@link #step}: runs the next link arrival if it is due by {@code limit},
     * comes before every timer and no injected frame waits; false (nothing run) otherwise. Kept
     * small, so that the JIT inlines it into the run loops; the rest is {@link #stepOther}.
     */
    private boolean stepLink(long limit) {
        if (peeked || links.isEmpty()) {
            return false;
        }
        long bt = links.headTime();
        if (bt > limit || !timers.allAfter(bt, links.headSeq())) {
            return false;
        }
        now = bt;
        events++;
        links.dispatchHead(bt);
        return true;
    }

    /** {@link #step} when the next event may be a timer or an injection. */
    private boolean stepOther(long limit) {
        int source = 0;
        long bt = Long.MAX_VALUE;
        long bs = Long.MAX_VALUE;
        if (!links.isEmpty()) {
            bt = links.headTime();
            bs = links.headSeq();
            source = 1;
        }
        if (!timers.isEmpty()) {
            long t = timers.topTime();
            long s = timers.topSeq();
            if (t < bt || (t == bt && s < bs)) {
                bt = t;
                bs = s;
                source = 2;
            }
        }
        if (peeked && (peekTime < bt || (peekTime == bt && peekSeq < bs))) {
            bt = peekTime;
            source = 3;
        }
        if (source == 0 || bt > limit) {
            return false;
        }
        now = bt;
        events++;
        switch (source) {
            case 1 -> links.dispatchHead(bt);
            case 2 -> timers.dispatchTop(bt, timerHandlers);
            default -> {
                peeked = false;
                targets[peekTarget].onArrival(bt, peekSlot, peekMode);
            }
        }
        return true;
    }

    /** Throws once the run call has dispatched {@code eventCap} events; true otherwise. */
    private boolean checkCap(long start) {
        if (events - start >= eventCap) {
            throw new IllegalStateException("simulation did not go quiet after " + (events - start)
                    + " events (now=" + now + " ns, event cap=" + eventCap
                    + "); a forwarding loop or a timer that re-arms forever?");
        }
        return true;
    }
}
