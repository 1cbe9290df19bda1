package io.dockwire.sim;

import java.util.Arrays;

/**
 * Frames in flight on fixed-delay links: one FIFO per channel (a channel is one direction of a
 * link) plus an indexed binary heap over the channels' head entries.
 *
 * <p>Why: on a fixed-delay link arrivals are already in time order, so only the heads need
 * ordering; a frame costs O(log active channels) instead of O(log frames in flight). Entries
 * are keyed by (arrival time, sequence number); a FIFO never reorders, so an arrival time
 * earlier than the tail's (possible only if a link's delay is lowered while frames are in
 * flight) is raised to the tail's time, as a real queue would. Everything is primitive arrays:
 * enqueue and dequeue allocate nothing once the rings have grown to their working size.
 */
final class LinkQueues {
    private static final int INITIAL_RING = 16;

    private ArrivalHandler[] handlers = new ArrivalHandler[8];
    private long[][] times = new long[8][];
    private long[][] seqs = new long[8][];
    private int[][] slots = new int[8][];
    private int[][] args = new int[8][];
    private int[] head = new int[8];
    private int[] size = new int[8];
    // Each channel's head key, copied out of its ring so heap comparisons read flat arrays.
    private long[] headTimes = new long[8];
    private long[] headSeqs = new long[8];
    private int channels;

    // Indexed heap of channel ids, ordered by their head entry.
    private int[] heap = new int[8];
    private int[] pos = new int[8];
    private int heapSize;

    int addChannel(ArrivalHandler handler) {
        int c = channels++;
        if (c == handlers.length) {
            int n = c * 2;
            handlers = Arrays.copyOf(handlers, n);
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            slots = Arrays.copyOf(slots, n);
            args = Arrays.copyOf(args, n);
            head = Arrays.copyOf(head, n);
            size = Arrays.copyOf(size, n);
            headTimes = Arrays.copyOf(headTimes, n);
            headSeqs = Arrays.copyOf(headSeqs, n);
            heap = Arrays.copyOf(heap, n);
            pos = Arrays.copyOf(pos, n);
        }
        handlers[c] = handler;
        times[c] = new long[INITIAL_RING];
        seqs[c] = new long[INITIAL_RING];
        slots[c] = new int[INITIAL_RING];
        args[c] = new int[INITIAL_RING];
        pos[c] = -1;
        return c;
    }

    int channelCount() {
        return channels;
    }

    /** Frames queued on channel {@code c}. */
    int queued(int c) {
        return size[c];
    }

    void enqueue(int c, long time, long seq, int slot, int arg) {
        int n = size[c];
        long[] t = times[c];
        if (n == t.length) {
            growRing(c);
            t = times[c];
        }
        int mask = t.length - 1;
        if (n > 0) {
            long tail = t[(head[c] + n - 1) & mask];
            if (time < tail) {
                time = tail;
            }
        }
        int i = (head[c] + n) & mask;
        t[i] = time;
        seqs[c][i] = seq;
        slots[c][i] = slot;
        args[c][i] = arg;
        size[c] = n + 1;
        if (n == 0) {
            headTimes[c] = time;
            headSeqs[c] = seq;
            heapInsert(c);
        }
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
        int c = heap[0];
        int h = head[c];
        int slot = slots[c][h];
        int arg = args[c][h];
        long[] t = times[c];
        h = (h + 1) & (t.length - 1);
        head[c] = h;
        if (--size[c] == 0) {
            heapRemoveRoot();
        } else {
            headTimes[c] = t[h];
            headSeqs[c] = seqs[c][h];
            siftDown(0); // the channel's key only grows
        }
        handlers[c].onArrival(now, slot, arg);
    }

    private void growRing(int c) {
        int n = times[c].length;
        int h = head[c];
        long[] t = new long[n * 2];
        long[] s = new long[n * 2];
        int[] sl = new int[n * 2];
        int[] a = new int[n * 2];
        for (int k = 0; k < n; k++) {
            int i = (h + k) & (n - 1);
            t[k] = times[c][i];
            s[k] = seqs[c][i];
            sl[k] = slots[c][i];
            a[k] = args[c][i];
        }
        times[c] = t;
        seqs[c] = s;
        slots[c] = sl;
        args[c] = a;
        head[c] = 0;
    }

    private boolean less(int a, int b) {
        long ta = headTimes[a];
        long tb = headTimes[b];
        return ta < tb || (ta == tb && headSeqs[a] < headSeqs[b]);
    }

    private void heapInsert(int c) {
        int i = heapSize++;
        heap[i] = c;
        pos[c] = i;
        siftUp(i);
    }

    private void heapRemoveRoot() {
        pos[heap[0]] = -1;
        int last = heap[--heapSize];
        if (heapSize > 0) {
            heap[0] = last;
            pos[last] = 0;
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
            pos[p] = i;
            i = parent;
        }
        heap[i] = c;
        pos[c] = i;
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
            pos[ch] = i;
            i = child;
        }
        heap[i] = c;
        pos[c] = i;
    }
}
