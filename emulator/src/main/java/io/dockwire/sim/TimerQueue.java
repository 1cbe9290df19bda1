package io.dockwire.sim;

import java.util.Arrays;

/**
 * Timers in a primitive binary heap keyed by (time, sequence). Each timer lives in a record
 * slot (parallel arrays, reused through a free list); the heap holds slot indexes.
 *
 * <p>Cancelling marks the record; the heap entry stays until it surfaces and is then discarded
 * without dispatch (no handler call, not counted as an event). A handle is
 * {@code generation << 32 | slot}, so cancelling a handle whose timer already fired or was
 * reused is a harmless no-op.
 */
final class TimerQueue {
    private static final byte FREE = 0;
    private static final byte PENDING = 1;
    private static final byte CANCELLED = 2;

    private long[] time = new long[64];
    private long[] seq = new long[64];
    private int[] handler = new int[64];
    private int[] kind = new int[64];
    private long[] arg = new long[64];
    private int[] gen = new int[64];
    private byte[] state = new byte[64];
    private boolean[] daemon = new boolean[64];
    private int[] freeList = new int[64];
    private int freeTop;
    private int records;

    private int[] heap = new int[64];
    private int heapSize;
    // The heap root's key (live or cancelled), or MAX_VALUE when the heap is empty.
    private long rootTime = Long.MAX_VALUE;
    private long rootSeq = Long.MAX_VALUE;
    private int pending;
    private int nonDaemon;
    private long discarded;

    long schedule(long t, long s, int h, int k, long a, boolean isDaemon) {
        int r;
        if (freeTop > 0) {
            r = freeList[--freeTop];
        } else {
            r = records++;
            if (r == time.length) {
                growRecords();
            }
        }
        time[r] = t;
        seq[r] = s;
        handler[r] = h;
        kind[r] = k;
        arg[r] = a;
        state[r] = PENDING;
        daemon[r] = isDaemon;
        if (!isDaemon) {
            nonDaemon++;
        }
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
        }
        heap[heapSize] = r;
        siftUp(heapSize++);
        rootChanged();
        pending++;
        return ((long) gen[r] << 32) | r;
    }

    boolean cancel(long handle) {
        int r = (int) handle;
        if (r < 0 || r >= records || gen[r] != (int) (handle >>> 32) || state[r] != PENDING) {
            return false;
        }
        state[r] = CANCELLED;
        pending--;
        if (!daemon[r]) {
            nonDaemon--;
        }
        return true;
    }

    boolean isPending(long handle) {
        int r = (int) handle;
        return r >= 0 && r < records && gen[r] == (int) (handle >>> 32) && state[r] == PENDING;
    }

    /** Timers scheduled and neither fired nor cancelled. */
    int pending() {
        return pending;
    }

    /** Pending timers that keep a simulation busy (not daemon timers). */
    int nonDaemonPending() {
        return nonDaemon;
    }

    /** Cancelled timers removed from the heap without being dispatched. */
    long discarded() {
        return discarded;
    }

    /** True when no live timer is queued; drops cancelled entries from the top first. */
    boolean isEmpty() {
        while (heapSize > 0 && state[heap[0]] == CANCELLED) {
            freeRecord(popRoot());
            discarded++;
        }
        return heapSize == 0;
    }

    /** Only valid after {@link #isEmpty()} returned false. */
    long topTime() {
        return time[heap[0]];
    }

    long topSeq() {
        return seq[heap[0]];
    }

    /** Pops the top (live) timer and calls its handler. */
    void dispatchTop(long now, TimerHandler[] handlers) {
        int r = popRoot();
        int h = handler[r];
        int k = kind[r];
        long a = arg[r];
        pending--;
        if (!daemon[r]) {
            nonDaemon--;
        }
        freeRecord(r); // before the call, so the handler may re-arm into the same record
        handlers[h].onTimer(now, k, a);
    }

    private void freeRecord(int r) {
        state[r] = FREE;
        gen[r]++;
        freeList[freeTop++] = r;
    }

    private int popRoot() {
        int r = heap[0];
        int last = heap[--heapSize];
        if (heapSize > 0) {
            heap[0] = last;
            siftDown(0);
        }
        rootChanged();
        return r;
    }

    private void rootChanged() {
        if (heapSize > 0) {
            rootTime = time[heap[0]];
            rootSeq = seq[heap[0]];
        } else {
            rootTime = Long.MAX_VALUE;
            rootSeq = Long.MAX_VALUE;
        }
    }

    /**
     * True when no queued timer, live or cancelled, comes before the key (t, s): then an event
     * with that key is the next one whatever {@link #isEmpty()} would discard. Reads two fields.
     */
    boolean allAfter(long t, long s) {
        return rootTime > t || (rootTime == t && rootSeq > s);
    }

    private void growRecords() {
        int n = time.length * 2;
        time = Arrays.copyOf(time, n);
        seq = Arrays.copyOf(seq, n);
        handler = Arrays.copyOf(handler, n);
        kind = Arrays.copyOf(kind, n);
        arg = Arrays.copyOf(arg, n);
        gen = Arrays.copyOf(gen, n);
        state = Arrays.copyOf(state, n);
        daemon = Arrays.copyOf(daemon, n);
        freeList = Arrays.copyOf(freeList, n);
    }

    private boolean less(int a, int b) {
        return time[a] < time[b] || (time[a] == time[b] && seq[a] < seq[b]);
    }

    private void siftUp(int i) {
        int r = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(r, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = r;
    }

    private void siftDown(int i) {
        int r = heap[i];
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < heapSize && less(heap[child + 1], heap[child])) {
                child++;
            }
            if (!less(heap[child], r)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = r;
    }
}
