package io.dockwire.sim;

import java.util.Arrays;

/**
 * Frames in flight on fixed-delay links, dispatched in (arrival time, sequence number) order.
 *
 * <p>Entries live in <em>runs</em>: FIFO rings whose entries are already in key order, plus an
 * indexed binary heap over the runs' head entries. An entry is appended to a run only when its
 * time is not before the run's tail (its sequence number, taken from one counter, is always
 * larger), so every run stays sorted and the heap over the heads yields the global (time,
 * sequence) order. Frames sent over links of the same delay arrive in sending order, so every
 * channel with that delay shares one run: with the usual single veth delay the heap holds one
 * run and a frame costs no heap comparison at all, however many channels carry traffic. A
 * channel remembers its last run; only when that run cannot take the entry in order (a channel
 * with another delay appended to it) is a fitting run searched: the non-empty run with the
 * latest tail not after the entry, else an empty one, else a new one.
 *
 * <p>A channel is a FIFO: an arrival time earlier than the channel's last queued one (possible
 * only if a link's delay is lowered while frames are in flight) is raised to it, as a real queue
 * would. Everything is primitive arrays: enqueue and dequeue allocate nothing once the rings have
 * grown to their working size.
 */
final class LinkQueues {
    private static final int INITIAL_RING = 16;
    /** longs per entry: time, sequence, channel << 32 | slot, arg. */
    private static final int STRIDE = 4;

    // Per channel.
    private ArrivalHandler[] handlers = new ArrivalHandler[8];
    private long[] tailTime = new long[8];
    private int[] runOf = new int[8];
    private int channels;

    // Per run: a ring of STRIDE longs per entry, its head index and size, its head and tail keys.
    private long[][] rings = new long[4][];
    private int[] head = new int[4];
    private int[] size = new int[4];
    private long[] headTimes = new long[4];
    private long[] headSeqs = new long[4];
    private long[] tailTimes = new long[4];
    private int runs;

    // Binary heap of the non-empty runs, ordered by their head entry.
    private int[] heap = new int[4];
    private int heapSize;

    int addChannel(ArrivalHandler handler) {
        int c = channels++;
        if (c == handlers.length) {
            int n = c * 2;
            handlers = Arrays.copyOf(handlers, n);
            tailTime = Arrays.copyOf(tailTime, n);
            runOf = Arrays.copyOf(runOf, n);
        }
        handlers[c] = handler;
        runOf[c] = -1;
        return c;
    }

    int channelCount() {
        return channels;
    }

    /** Frames queued on channel {@code c} (counted: for tests and tools, not the data path). */
    int queued(int c) {
        int n = 0;
        for (int r = 0; r < runs; r++) {
            long[] e = rings[r];
            for (int k = 0; k < size[r]; k++) {
                if ((int) (e[(((head[r] + k) << 2) & (e.length - 1)) + 2] >>> 32) == c) {
                    n++;
                }
            }
        }
        return n;
    }

    void enqueue(int c, long time, long seq, int slot, int arg) {
        // An empty channel's last arrival time is not after now, and arrivals are never in the
        // past, so an empty channel never raises the time.
        if (time < tailTime[c]) {
            time = tailTime[c];
        }
        tailTime[c] = time;
        int r = runOf[c];
        if (r < 0 || (size[r] > 0 && time < tailTimes[r])) {
            r = pickRun(time);
            runOf[c] = r;
        }
        long[] e = rings[r];
        int n = size[r];
        if (n << 2 == e.length) {
            e = growRing(r);
        }
        int i = ((head[r] + n) << 2) & (e.length - 1);
        e[i] = time;
        e[i + 1] = seq;
        e[i + 2] = ((long) c << 32) | (slot & 0xFFFF_FFFFL);
        e[i + 3] = arg;
        size[r] = n + 1;
        tailTimes[r] = time;
        if (n == 0) {
            headTimes[r] = time;
            headSeqs[r] = seq;
            heapInsert(r);
        }
    }

    /** A run that can take an entry at {@code time} in order (see the class comment). */
    private int pickRun(long time) {
        int best = -1;
        int empty = -1;
        for (int r = 0; r < runs; r++) {
            if (size[r] == 0) {
                if (empty < 0) {
                    empty = r;
                }
            } else if (tailTimes[r] <= time && (best < 0 || tailTimes[r] > tailTimes[best])) {
                best = r;
            }
        }
        if (best >= 0) {
            return best;
        }
        return empty >= 0 ? empty : addRun();
    }

    private int addRun() {
        int r = runs++;
        if (r == rings.length) {
            int n = r * 2;
            rings = Arrays.copyOf(rings, n);
            head = Arrays.copyOf(head, n);
            size = Arrays.copyOf(size, n);
            headTimes = Arrays.copyOf(headTimes, n);
            headSeqs = Arrays.copyOf(headSeqs, n);
            tailTimes = Arrays.copyOf(tailTimes, n);
            heap = Arrays.copyOf(heap, n);
        }
        rings[r] = new long[INITIAL_RING * STRIDE];
        return r;
    }

    boolean isEmpty() {
        return heapSize == 0;
    }

    long headTime() {
        return headTimes[heap[0]];
    }

    long headSeq() {
        return headSeqs[heap[0]];
    }

    /** Removes the earliest entry and hands it to its channel's handler at time {@code now}. */
    void dispatchHead(long now) {
        int r = heap[0];
        long[] e = rings[r];
        int mask = e.length - 1;
        int i = head[r] << 2;
        long cs = e[i + 2];
        int arg = (int) e[i + 3];
        int c = (int) (cs >>> 32);
        int h = head[r] + 1;
        int next = (h << 2) & mask;
        head[r] = next >>> 2;
        if (--size[r] == 0) {
            heapRemoveRoot();
        } else {
            headTimes[r] = e[next];
            headSeqs[r] = e[next + 1];
            if (heapSize > 1) {
                siftDown(0); // the run's key only grows
            }
        }
        handlers[c].onArrival(now, (int) cs, arg);
    }

    private long[] growRing(int r) {
        long[] old = rings[r];
        int n = old.length;
        long[] e = new long[n * 2];
        int from = head[r] << 2;
        System.arraycopy(old, from, e, 0, n - from);
        System.arraycopy(old, 0, e, n - from, from);
        rings[r] = e;
        head[r] = 0;
        return e;
    }

    private boolean less(int a, int b) {
        long ta = headTimes[a];
        long tb = headTimes[b];
        return ta < tb || (ta == tb && headSeqs[a] < headSeqs[b]);
    }

    private void heapInsert(int r) {
        int i = heapSize++;
        heap[i] = r;
        siftUp(i);
    }

    private void heapRemoveRoot() {
        int last = heap[--heapSize];
        if (heapSize > 0) {
            heap[0] = last;
            siftDown(0);
        }
    }

    private void siftUp(int i) {
        int c = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (!less(c, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = c;
    }

    private void siftDown(int i) {
        int c = heap[i];
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < heapSize && less(heap[right], heap[child])) {
                child = right;
            }
            int ch = heap[child];
            if (!less(ch, c)) {
                break;
            }
            heap[i] = ch;
            i = child;
        }
        heap[i] = c;
    }
}
