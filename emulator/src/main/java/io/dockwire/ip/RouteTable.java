package io.dockwire.ip;

import io.dockwire.wire.Ipv4Address;
import java.util.function.IntFunction;

/**
 * One namespace's IPv4 main routing table, longest-prefix match as Linux's FIB does for the
 * cases Docker creates (connected routes, a default gateway, static routes).
 *
 * <p>Routes are kept in parallel primitive arrays sorted by prefix length, longest first, and
 * within one length by insertion order, so {@link #lookup} is a linear scan that allocates
 * nothing and the first hit is the longest match. Namespaces here hold a handful of routes;
 * a trie would not pay for itself. Metrics are not modelled: among equal prefixes the first
 * added wins, as with Linux's equal-metric routes.
 */
public final class RouteTable {
    /** rtm_protocol as iproute2 prints it. */
    public static final int PROTO_BOOT = 0;
    public static final int PROTO_KERNEL = 1;
    public static final int PROTO_STATIC = 2;

    /** rtm_scope. */
    public static final int SCOPE_UNIVERSE = 0;
    public static final int SCOPE_LINK = 1;
    public static final int SCOPE_HOST = 2;

    private int[] prefix = new int[8];
    private int[] prefixLen = new int[8];
    private int[] gateway = new int[8];
    private int[] ifindex = new int[8];
    private int[] prefSrc = new int[8];
    private int[] proto = new int[8];
    private int[] scope = new int[8];
    private int size;

    /** Adds the connected route the kernel creates with {@code ip addr add addr/len dev}. */
    public void addConnected(int addr, int len, int dev) {
        add(addr & Ipv4Address.mask(len), len, 0, dev, addr, PROTO_KERNEL, SCOPE_LINK);
    }

    /** {@code ip route add default via gw dev dev}. */
    public void addDefault(int gw, int dev) {
        add(0, 0, gw, dev, 0, PROTO_BOOT, SCOPE_UNIVERSE);
    }

    /**
     * Adds a route; rejects a duplicate (same prefix and length) as {@code ip route add} does
     * ("RTNETLINK answers: File exists").
     */
    public void add(int dst, int len, int gw, int dev, int src, int protocol, int routeScope) {
        if (len < 0 || len > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, len=" + len);
        }
        int masked = dst & Ipv4Address.mask(len);
        for (int i = 0; i < size; i++) {
            if (prefixLen[i] == len && prefix[i] == masked) {
                throw new IllegalStateException("RTNETLINK answers: File exists");
            }
        }
        grow();
        int at = size;
        while (at > 0 && prefixLen[at - 1] < len) {
            at--;
        }
        shift(at);
        prefix[at] = masked;
        prefixLen[at] = len;
        gateway[at] = gw;
        ifindex[at] = dev;
        prefSrc[at] = src;
        proto[at] = protocol;
        scope[at] = routeScope;
        size++;
    }

    /** Removes every route through {@code dev} (the device went away or down). */
    public void removeDevice(int dev) {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (ifindex[r] != dev) {
                copy(r, w++);
            }
        }
        size = w;
    }

    /**
     * Removes the route for exactly {@code dst/len} (through {@code dev}, or any device when
     * {@code dev} is 0); false when there is none ({@code ip route del}: "No such process").
     */
    public boolean remove(int dst, int len, int dev) {
        int masked = dst & Ipv4Address.mask(len);
        for (int i = 0; i < size; i++) {
            if (prefixLen[i] == len && prefix[i] == masked && (dev == 0 || ifindex[i] == dev)) {
                for (int j = i + 1; j < size; j++) {
                    copy(j, j - 1);
                }
                size--;
                return true;
            }
        }
        return false;
    }

    /** Index of the longest-prefix route for {@code dst}, or -1 (ENETUNREACH). */
    public int lookup(int dst) {
        for (int i = 0; i < size; i++) {
            if ((dst & Ipv4Address.mask(prefixLen[i])) == prefix[i]) {
                return i;
            }
        }
        return -1;
    }

    public int size() {
        return size;
    }

    public int prefix(int route) {
        return prefix[route];
    }

    public int prefixLen(int route) {
        return prefixLen[route];
    }

    /** The gateway, or 0 for an on-link route (the destination itself is the next hop). */
    public int gateway(int route) {
        return gateway[route];
    }

    public int ifindex(int route) {
        return ifindex[route];
    }

    public int prefSrc(int route) {
        return prefSrc[route];
    }

    /** The next hop for {@code dst} through {@code route}. */
    public int nextHop(int route, int dst) {
        return gateway[route] != 0 ? gateway[route] : dst;
    }

    /**
     * {@code ip route} output, one line per route, in the kernel's dump order (by prefix,
     * default first), each line ending with the trailing space iproute2 prints.
     */
    public String render(IntFunction<String> devName) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        // The kernel's FIB trie dumps in key order: 0.0.0.0/0 first, then ascending prefixes.
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Integer.compareUnsigned(prefix[a], prefix[b]);
            return c != 0 ? c : Integer.compare(prefixLen[a], prefixLen[b]);
        });
        StringBuilder sb = new StringBuilder();
        for (int i : order) {
            if (prefixLen[i] == 0) {
                sb.append("default");
            } else {
                sb.append(Ipv4Address.toString(prefix[i])).append('/').append(prefixLen[i]);
            }
            if (gateway[i] != 0) {
                sb.append(" via ").append(Ipv4Address.toString(gateway[i]));
            }
            sb.append(" dev ").append(devName.apply(ifindex[i]));
            if (proto[i] == PROTO_KERNEL) {
                sb.append(" proto kernel");
            } else if (proto[i] == PROTO_STATIC) {
                sb.append(" proto static");
            }
            if (scope[i] == SCOPE_LINK) {
                sb.append(" scope link");
            } else if (scope[i] == SCOPE_HOST) {
                sb.append(" scope host");
            }
            if (prefSrc[i] != 0) {
                sb.append(" src ").append(Ipv4Address.toString(prefSrc[i]));
            }
            sb.append(" \n");
        }
        return sb.toString();
    }

    private void grow() {
        if (size < prefix.length) {
            return;
        }
        int n = size * 2;
        prefix = java.util.Arrays.copyOf(prefix, n);
        prefixLen = java.util.Arrays.copyOf(prefixLen, n);
        gateway = java.util.Arrays.copyOf(gateway, n);
        ifindex = java.util.Arrays.copyOf(ifindex, n);
        prefSrc = java.util.Arrays.copyOf(prefSrc, n);
        proto = java.util.Arrays.copyOf(proto, n);
        scope = java.util.Arrays.copyOf(scope, n);
    }

    private void shift(int at) {
        for (int i = size; i > at; i--) {
            copy(i - 1, i);
        }
    }

    private void copy(int from, int to) {
        prefix[to] = prefix[from];
        prefixLen[to] = prefixLen[from];
        gateway[to] = gateway[from];
        ifindex[to] = ifindex[from];
        prefSrc[to] = prefSrc[from];
        proto[to] = proto[from];
        scope[to] = scope[from];
    }
}
