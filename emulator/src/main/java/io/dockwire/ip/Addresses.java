package io.dockwire.ip;

import io.dockwire.wire.Ipv4Address;

/**
 * The IPv4 addresses of one namespace (Linux {@code in_ifaddr} lists), in parallel primitive
 * arrays. An address is {@code secondary} when the device already has a primary one in the same
 * subnet (Linux {@code IFA_F_SECONDARY}); only primaries get a connected route and are chosen as
 * source address. Lookups scan linearly: namespaces hold a handful of addresses.
 */
final class Addresses {
    private int[] ifindex = new int[4];
    private int[] addr = new int[4];
    private int[] len = new int[4];
    private int[] brd = new int[4];
    private boolean[] secondary = new boolean[4];
    // The subnet broadcast each entry answers to besides brd: prefix|~mask for a primary shorter
    // than /31, else 0 (never such a broadcast: those have host bits set).
    private int[] netBrd = new int[4];
    private int size;

    int size() {
        return size;
    }

    int ifindex(int i) {
        return ifindex[i];
    }

    int addr(int i) {
        return addr[i];
    }

    int prefixLen(int i) {
        return len[i];
    }

    /** The explicit broadcast address ({@code brd}), or 0 when none was given. */
    int brd(int i) {
        return brd[i];
    }

    boolean secondary(int i) {
        return secondary[i];
    }

    /** Index of (dev, addr) regardless of prefix, or -1. */
    int find(int dev, int a) {
        for (int i = 0; i < size; i++) {
            if (ifindex[i] == dev && addr[i] == a) {
                return i;
            }
        }
        return -1;
    }

    /** Adds; false if the device has the address already (Linux: "Address already assigned"). */
    boolean add(int dev, int a, int prefixLen, int broadcast) {
        if (find(dev, a) >= 0) {
            return false;
        }
        boolean sec = false;
        int mask = Ipv4Address.mask(prefixLen);
        for (int i = 0; i < size; i++) {
            if (ifindex[i] == dev && !secondary[i] && len[i] == prefixLen && (addr[i] & mask) == (a & mask)) {
                sec = true;
            }
        }
        if (size == addr.length) {
            int n = size * 2;
            ifindex = java.util.Arrays.copyOf(ifindex, n);
            addr = java.util.Arrays.copyOf(addr, n);
            len = java.util.Arrays.copyOf(len, n);
            brd = java.util.Arrays.copyOf(brd, n);
            secondary = java.util.Arrays.copyOf(secondary, n);
            netBrd = java.util.Arrays.copyOf(netBrd, n);
        }
        ifindex[size] = dev;
        addr[size] = a;
        len[size] = prefixLen;
        brd[size] = broadcast;
        secondary[size] = sec;
        netBrd[size] = !sec && prefixLen < 31 ? a | ~mask : 0;
        size++;
        forgetMisses();
        return true;
    }

    void remove(int i) {
        for (int j = i + 1; j < size; j++) {
            ifindex[j - 1] = ifindex[j];
            addr[j - 1] = addr[j];
            len[j - 1] = len[j];
            brd[j - 1] = brd[j];
            secondary[j - 1] = secondary[j];
            netBrd[j - 1] = netBrd[j];
        }
        size--;
        forgetMisses();
    }

    /**
     * The last address {@link #isLocal} and {@link #isSubnetBroadcast} answered false for (as an
     * unsigned value; -1 for none): a forwarded flow asks both for the same destination on every
     * packet. Any change of the addresses forgets them.
     */
    private long notLocal = -1;
    private long notBroadcast = -1;

    private void forgetMisses() {
        notLocal = -1;
        notBroadcast = -1;
    }

    void removeDevice(int dev) {
        for (int i = size - 1; i >= 0; i--) {
            if (ifindex[i] == dev) {
                remove(i);
            }
        }
    }

    /** Weak host model: an address of any interface counts (Linux local table). */
    boolean isLocal(int a) {
        long u = a & 0xFFFF_FFFFL;
        if (u == notLocal) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (addr[i] == a) {
                return true;
            }
        }
        notLocal = u;
        return false;
    }

    /**
     * A broadcast address of one of our subnets: the explicit {@code brd}, or prefix|~mask for
     * prefixes shorter than /31 (Linux {@code fib_add_ifaddr} adds that broadcast route).
     */
    boolean isSubnetBroadcast(int a) {
        if (a == 0) {
            return false;
        }
        long u = a & 0xFFFF_FFFFL;
        if (u == notBroadcast) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (brd[i] == a || netBrd[i] == a) {
                return true;
            }
        }
        notBroadcast = u;
        return false;
    }

    /** The device's first primary address, or 0. */
    int primary(int dev) {
        for (int i = 0; i < size; i++) {
            if (ifindex[i] == dev && !secondary[i]) {
                return addr[i];
            }
        }
        return 0;
    }
}
