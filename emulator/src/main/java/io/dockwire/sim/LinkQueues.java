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
 * would. Entries are longs in each run's ring: enqueue and dequeue allocate nothing once the
 * rings have grown to their working size.
 *
 * <p>A run and a channel are small objects (fields, not parallel arrays indexed by run and
 * channel): the frame path reads and writes a handful of fields of one object each, with no
 * index arithmetic and no bounds check per field (a frame through two hops of this class, with
 * its alloc and release: 18 ns, 26 ns with the arrays of before).
 */
final class LinkQueues {
    private static final int INITIAL_RING = 16;
    /** longs per entry: time, sequence, channel << 32 | slot, arg. */
    private static final int STRIDE = 4;

    /** One direction of a link: where its arrivals go and what it has queued last. */
    private static final class Channel {
        final ArrivalHandler handler;
        /** Arrival time of the last entry queued (never lowered, see the class comment). */
        long tailTime;
        /** The run this channel appended to last, null before its first frame. */
        Run run;

        Channel(ArrivalHandler handler) {
            this.handler = handler;
        }
    }

    /** A FIFO ring of entries in key order, STRIDE longs each. */
    private static final class Run {
        long[] ring = new long[INITIAL_RING * STRIDE];
        /** Index of the head entry (in entries, not longs). */
        int head;
        int size;
        long headTime;
        long headSeq;
        long tailTime;
    }

    private Channel[] channels = new Channel[8];
    private int channelCount;
    private Run[] runs = new Run[4];
    private int runCount;

    // Binary heap of the non-empty runs, ordered by their head entry.
    private Run[] heap = new Run[4];
    private int heapSize;

    int addChannel(ArrivalHandler handler) {
        int c = channelCount++;
        if (c == channels.length) {
            channels = Arrays.copyOf(channels, c * 2);
        }
        channels[c] = new Channel(handler);
        return c;
    }

    int channelCount() {
        return channelCount;
    }

    /** Frames queued on channel {@code c} (counted: for tests and tools, not the data path). */
    int queued(int c) {
        int n = 0;
        for (int k = 0; k < runCount; k++) {
            Run r = runs[k];
            long[] e = r.ring;
            for (int j = 0; j < r.size; j++) {
                if ((int) (e[(((r.head + j) << 2) & (e.length - 1)) + 2] >>> 32) == c) {
                    n++;
                }
            }
        }
        return n;
    }

    void enqueue(int c, long time, long seq, int slot, int arg) {
        Channel ch = channels[c];
        // An empty channel's last arrival time is not after now, and arrivals are never in the
        // past, so an empty channel never raises the time.
        if (time < ch.tailTime) {
            time = ch.tailTime;
        }
        ch.tailTime = time;
        Run r = ch.run;
        if (r == null || (r.size > 0 && time < r.tailTime)) {
            r = pickRun(time);
            ch.run = r;
        }
        long[] e = r.ring;
        int n = r.size;
        if (n << 2 == e.length) {
            e = grow(r);
        }
        int i = ((r.head + n) << 2) & (e.length - 1);
        e[i] = time;
        e[i + 1] = seq;
        e[i + 2] = ((long) c << 32) | (slot & 0xFFFF_FFFFL);
        e[i + 3] = arg;
        r.size = n + 1;
        r.tailTime = time;
        if (n == 0) {
            r.headTime = time;
            r.headSeq = seq;
            heapInsert(r);
        }
    }

    /** A run that can take an entry at {@code time} in order (see the class comment). */
    private Run pickRun(long time) {
        Run best = null;
        Run empty = null;
        for (int k = 0; k < runCount; k++) {
            Run r = runs[k];
            if (r.size == 0) {
                if (empty == null) {
                    empty = r;
                }
            } else if (r.tailTime <= time && (best == null || r.tailTime > best.tailTime)) {
                best = r;
            }
        }
        if (best != null) {
            return best;
        }
        return empty != null ? empty : addRun();
    }

    private Run addRun() {
        int k = runCount++;
        if (k == runs.length) {
            runs = Arrays.copyOf(runs, k * 2);
            heap = Arrays.copyOf(heap, k * 2);
        }
        Run r = new Run();
        runs[k] = r;
        return r;
    }

    boolean isEmpty() {
        return heapSize == 0;
    }

    long headTime() {
        return heap[0].headTime;
    }

    long headSeq() {
        return heap[0].headSeq;
    }

    /** Removes the earliest entry and hands it to its channel's handler at time {@code now}. */
    void dispatchHead(long now) {
        Run r = heap[0];
        long[] e = r.ring;
        int i = r.head << 2;
        long cs = e[i + 2];
        int arg = (int) e[i + 3];
        int next = (i + STRIDE) & (e.length - 1);
        r.head = next >>> 2;
        if (--r.size == 0) {
            heapRemoveRoot();
        } else {
            r.headTime = e[next];
            r.headSeq = e[next + 1];
            if (heapSize > 1) {
                siftDown(0); // the run's key only grows
            }
        }
        channels[(int) (cs >>> 32)].handler.onArrival(now, (int) cs, arg);
    }

    private static long[] grow(Run r) {
        long[] old = r.ring;
        int n = old.length;
        long[] e = new long[n * 2];
        int from = r.head << 2;
        System.arraycopy(old, from, e, 0, n - from);
        System.arraycopy(old, 0, e, n - from, from);
        r.ring = e;
        r.head = 0;
        return e;
    }

    private static boolean less(Run a, Run b) {
        return a.headTime < b.headTime || (a.headTime == b.headTime && a.headSeq < b.headSeq);
    }

    private void heapInsert(Run r) {
        int i = heapSize++;
        heap[i] = r;
        siftUp(i);
    }

    private void heapRemoveRoot() {
        Run last = heap[--heapSize];
        heap[heapSize] = null;
        if (heapSize > 0) {
            heap[0] = last;
            siftDown(0);
        }
    }

    private void siftUp(int i) {
        Run c = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Run p = heap[parent];
            if (!less(c, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = c;
    }

    private void siftDown(int i) {
        Run c = heap[i];
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < heapSize && less(heap[right], heap[child])) {
                child = right;
            }
            Run ch = heap[child];
            if (!less(ch, c)) {
                break;
            }
            heap[i] = ch;
            i = child;
        }
        heap[i] = c;
    }
}
