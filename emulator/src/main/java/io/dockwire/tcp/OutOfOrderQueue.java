package io.dockwire.tcp;

/**
 * Segments that arrived beyond rcv_nxt, kept until the gap fills (Linux's out-of-order queue,
 * which SACK (RFC 2018) then reports). Byte {@code s} lives at {@code s & MASK}: every stored
 * byte lies inside the receive window, which is smaller than the ring, so no two collide.
 * Ranges are disjoint, non-adjacent, sorted from rcv_nxt; at most {@link #MAX_RANGES}, a segment
 * that would need one more is dropped (the sender retransmits it). The array is allocated on
 * first use, once per connection.
 */
final class OutOfOrderQueue {
    static final int MAX_RANGES = 8;
    private static final int CAPACITY = 1 << 16;
    private static final int MASK = CAPACITY - 1;

    private byte[] ring;
    private final int[] start = new int[MAX_RANGES];
    private final int[] end = new int[MAX_RANGES];
    private int count;
    /** Index of the range that took the latest segment: RFC 2018 4 reports it first. */
    private int recent = -1;

    boolean isEmpty() {
        return count == 0;
    }

    /**
     * Stores [seq, seq+len) (all of it after rcvNxt and inside the window); false when it was
     * dropped for lack of a range slot.
     */
    boolean store(int rcvNxt, int seq, byte[] buf, int off, int len) {
        int e = seq + len;
        int i = 0;
        while (i < count && Seq.lt(end[i], seq)) {
            i++;
        }
        // ranges i.. may touch [seq, e); merge all that do
        int j = i;
        int ns = seq;
        int ne = e;
        while (j < count && Seq.le(start[j], e)) {
            if (Seq.lt(start[j], ns)) {
                ns = start[j];
            }
            if (Seq.gt(end[j], ne)) {
                ne = end[j];
            }
            j++;
        }
        int merged = j - i;
        if (merged == 0 && count == MAX_RANGES) {
            return false;
        }
        if (ring == null) {
            ring = new byte[CAPACITY];
        }
        copyIn(seq, buf, off, len);
        int shift = 1 - merged; // ranges i..j-1 collapse into one
        System.arraycopy(start, j, start, j + shift, count - j);
        System.arraycopy(end, j, end, j + shift, count - j);
        start[i] = ns;
        end[i] = ne;
        count += shift;
        recent = i;
        return true;
    }

    /** End of the data now contiguous with {@code rcvNxt}, or rcvNxt when the gap is still open. */
    int contiguousEnd(int rcvNxt) {
        return count > 0 && Seq.le(start[0], rcvNxt) ? end[0] : rcvNxt;
    }

    /** Ring view for delivery: the caller reads [from, to) in at most two chunks. */
    byte[] ring() {
        return ring;
    }

    static int index(int seq) {
        return seq & MASK;
    }

    static int chunk(int from, int to) {
        return Math.min(to - from, CAPACITY - index(from));
    }

    /** Forgets everything before {@code rcvNxt} (delivered or duplicate). */
    void advance(int rcvNxt) {
        int drop = 0;
        while (drop < count && Seq.le(end[drop], rcvNxt)) {
            drop++;
        }
        if (drop > 0) {
            System.arraycopy(start, drop, start, 0, count - drop);
            System.arraycopy(end, drop, end, 0, count - drop);
            count -= drop;
            recent = recent >= drop ? recent - drop : -1;
        }
        if (count > 0 && Seq.lt(start[0], rcvNxt)) {
            start[0] = rcvNxt;
        }
    }

    /** SACK blocks, the most recent first then the rest in order, at most {@code max}. */
    int sackBlocks(int[] starts, int[] ends, int max) {
        int n = 0;
        if (recent >= 0 && recent < count) {
            starts[n] = start[recent];
            ends[n++] = end[recent];
        }
        for (int i = 0; i < count && n < max; i++) {
            if (i != recent) {
                starts[n] = start[i];
                ends[n++] = end[i];
            }
        }
        return n;
    }

    private void copyIn(int seq, byte[] buf, int off, int len) {
        int first = Math.min(len, CAPACITY - index(seq));
        System.arraycopy(buf, off, ring, index(seq), first);
        System.arraycopy(buf, off + first, ring, 0, len - first);
    }
}
