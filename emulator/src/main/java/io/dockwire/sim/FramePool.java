package io.dockwire.sim;

/**
 * Preallocated frame buffers addressed by an int slot. A frame's bytes start at offset 0 of
 * {@link #buf(int)}; its length is {@link #len(int)}.
 *
 * <p>Ownership: each slot has a reference count. Whoever holds a reference either passes it on
 * (handing a slot to {@code transmit}/{@code receive} transfers one reference) or
 * {@link #release(int)}s it. A flood {@link #retain(int, int) retains} one reference per extra
 * receiver, so all of them read the same bytes; nobody may write to a shared slot - use
 * {@link #writable(int)} first (copy on write, as Linux does with {@code skb_cow}).
 *
 * <p>Each slot also carries Linux's {@code skb->ip_summed == CHECKSUM_PARTIAL}: set by a local UDP or
 * TCP sender whose packet goes out over a veth (which offers {@code NETIF_F_HW_CSUM}), it tells a
 * receiver on the same host that the transport checksum needs no verification
 * ({@code skb_csum_unnecessary}). dockwire always writes the full checksum (captures must pass
 * Wireshark's checks), so the flag changes no byte and no counter; it spares the receiver the sum,
 * as it spares the kernel's. A fresh slot has it clear ({@code CHECKSUM_NONE}); a copy keeps it.
 *
 * <p>And it carries whether its IPv4 header (at offset 14) passed {@code Ipv4View.check} against
 * the frame's current length: br_netfilter checks a bridged frame's header (br_validate_ipv4) and
 * the receiving namespace's ip_rcv checks it again, and a forwarded frame is checked at every
 * hop's ip_rcv, each time on bytes that only checksum-keeping writers (NAT, TTL decrement) have
 * touched since, so every check after the first can only agree and is skipped. A fresh slot, a
 * copy and a length change clear the flag.
 *
 * <p>A tunnel's packet (VXLAN) also carries whether the frame it encapsulates was CHECKSUM_PARTIAL
 * when it went in ({@code csum_start} inside the inner frame, skb->encapsulation): the frame that
 * comes out at the far end is then CHECKSUM_PARTIAL too, as the kernel's skb stays after decap.
 *
 * <p>The pool grows by doubling when every slot is in flight (a warm-up cost only; steady state
 * allocates nothing) and refuses to grow past {@code maxSlots}, which catches leaked slots.
 */
public final class FramePool {
    private static final int PARTIAL = 0x8000_0000;
    private static final int HEADER_CHECKED = 0x4000_0000;
    private static final int INNER_PARTIAL = 0x2000_0000;
    private static final int LEN_MASK = 0x1FFF_FFFF;
    private final int slotSize;
    private final int maxSlots;
    private byte[][] data;
    /** Frame length; the sign bit is the CHECKSUM_PARTIAL flag, the next the header-checked flag, then the inner one. */
    private int[] len;
    private int[] refs;
    private int[] free;
    private int freeTop;
    private int capacity;
    private int inUse;

    public FramePool() {
        this(1024, 2048, 1 << 20);
    }

    /**
     * @param initialSlots slots allocated up front
     * @param slotSize     bytes per slot: the largest frame the pool can hold
     * @param maxSlots     ceiling on frames in flight; exceeding it is reported as a leak
     */
    public FramePool(int initialSlots, int slotSize, int maxSlots) {
        if (initialSlots <= 0 || slotSize < 64 || slotSize > LEN_MASK || maxSlots < initialSlots) {
            throw new IllegalArgumentException("bad frame pool geometry, initialSlots=" + initialSlots
                    + " slotSize=" + slotSize + " maxSlots=" + maxSlots);
        }
        this.slotSize = slotSize;
        this.maxSlots = maxSlots;
        this.data = new byte[0][];
        this.len = new int[0];
        this.refs = new int[0];
        this.free = new int[0];
        grow(initialSlots);
    }

    public int slotSize() {
        return slotSize;
    }

    /** Slots currently holding a frame (reference count above zero). */
    public int inUse() {
        return inUse;
    }

    /** A fresh slot holding {@code length} bytes (contents undefined), reference count 1. */
    public int alloc(int length) {
        if (length < 0 || length > slotSize) {
            throw new IllegalArgumentException("frame length out of range, length=" + length + " slotSize=" + slotSize);
        }
        if (freeTop == 0) {
            if (capacity >= maxSlots) {
                throw new IllegalStateException("frame pool exhausted: " + inUse
                        + " frames in flight (maxSlots=" + maxSlots + "); a leaked slot or an unbounded queue?");
            }
            grow(Math.min(maxSlots, capacity * 2));
        }
        int slot = free[--freeTop];
        len[slot] = length;
        refs[slot] = 1;
        inUse++;
        return slot;
    }

    /** A fresh slot holding a copy of {@code src[off, off+length)}. */
    public int allocCopy(byte[] src, int off, int length) {
        int slot = alloc(length);
        System.arraycopy(src, off, data[slot], 0, length);
        return slot;
    }

    public byte[] buf(int slot) {
        return data[slot];
    }

    public int len(int slot) {
        return len[slot] & LEN_MASK;
    }

    /** Linux {@code skb->ip_summed == CHECKSUM_PARTIAL} (see the class comment). */
    public boolean csumPartial(int slot) {
        return len[slot] < 0;
    }

    /** Marks the frame as built by a local sender with checksum offload (see the class comment). */
    public void setCsumPartial(int slot) {
        len[slot] |= PARTIAL;
    }

    /** Whether the frame a tunnel packet carries was CHECKSUM_PARTIAL when encapsulated (see the class comment). */
    public boolean csumPartialInner(int slot) {
        return (len[slot] & INNER_PARTIAL) != 0;
    }

    public void setCsumPartialInner(int slot) {
        len[slot] |= INNER_PARTIAL;
    }

    /** Whether the IPv4 header at offset 14 passed its checks (see the class comment). */
    public boolean ipv4HeaderChecked(int slot) {
        return (len[slot] & HEADER_CHECKED) != 0;
    }

    /** Records that the IPv4 header at offset 14 passed {@code Ipv4View.check} for the current length. */
    public void setIpv4HeaderChecked(int slot) {
        len[slot] |= HEADER_CHECKED;
    }

    /** Sets the frame length (after trimming or building a frame in place); the header is unchecked again. */
    public void setLen(int slot, int length) {
        if (length < 0 || length > slotSize) {
            throw new IllegalArgumentException("frame length out of range, length=" + length + " slotSize=" + slotSize);
        }
        len[slot] = (len[slot] & (PARTIAL | INNER_PARTIAL)) | length;
    }

    public int refCount(int slot) {
        return refs[slot];
    }

    public void retain(int slot) {
        refs[slot]++;
    }

    /** Adds {@code n} references (n may be 0). */
    public void retain(int slot, int n) {
        refs[slot] += n;
    }

    public void release(int slot) {
        int r = --refs[slot];
        if (r == 0) {
            free[freeTop++] = slot;
            inUse--;
        } else if (r < 0) {
            refs[slot] = 0;
            throw new IllegalStateException("release of a free frame slot, slot=" + slot);
        }
    }

    /**
     * A slot the caller may modify: {@code slot} itself when the caller holds the only
     * reference, otherwise a private copy (the caller's reference to {@code slot} is released).
     */
    public int writable(int slot) {
        if (refs[slot] == 1) {
            return slot;
        }
        int copy = allocCopy(data[slot], 0, len[slot] & LEN_MASK);
        len[copy] |= len[slot] & (PARTIAL | INNER_PARTIAL);
        release(slot);
        return copy;
    }

    private void grow(int newCapacity) {
        byte[][] d = java.util.Arrays.copyOf(data, newCapacity);
        for (int i = capacity; i < newCapacity; i++) {
            d[i] = new byte[slotSize];
        }
        data = d;
        len = java.util.Arrays.copyOf(len, newCapacity);
        refs = java.util.Arrays.copyOf(refs, newCapacity);
        int[] f = java.util.Arrays.copyOf(free, newCapacity);
        // Push new slots so that the lowest index is handed out first (deterministic, cache friendly).
        for (int i = newCapacity - 1; i >= capacity; i--) {
            f[freeTop++] = i;
        }
        free = f;
        capacity = newCapacity;
    }
}
