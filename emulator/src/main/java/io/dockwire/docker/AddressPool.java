package io.dockwire.docker;

import java.util.BitSet;

/**
 * The addresses of one network's subnet, as libnetwork's default IPAM keeps them: a bitmap
 * over the subnet with the network and broadcast addresses reserved, first-free allocation
 * (within the --ip-range when there is one) and immediate reuse of released addresses.
 */
final class AddressPool {
    private final Cidr subnet;
    private final Cidr range;
    private final BitSet used = new BitSet();

    AddressPool(Cidr subnet, Cidr range) {
        this.subnet = subnet;
        this.range = range == null ? subnet : range;
        if (subnet.prefix() < 31) {
            mark(subnet.network());
            mark(subnet.broadcast());
        }
    }

    Cidr subnet() {
        return subnet;
    }

    boolean inUse(int addr) {
        return used.get(offset(addr));
    }

    /** The first free address of the range, marked used; -1 when the range is full. */
    long allocate() {
        int from = offset(range.network());
        int to = (int) (from + range.size());
        int i = used.nextClearBit(from);
        if (i >= to) {
            return -1;
        }
        used.set(i);
        return Integer.toUnsignedLong(subnet.network() + i);
    }

    /** Marks a specific address used; false when it already was. */
    boolean reserve(int addr) {
        if (inUse(addr)) {
            return false;
        }
        mark(addr);
        return true;
    }

    void release(int addr) {
        used.clear(offset(addr));
    }

    private void mark(int addr) {
        used.set(offset(addr));
    }

    private int offset(int addr) {
        return addr - subnet.network();
    }
}
