package io.dockwire.tcp;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/**
 * Established-and-half-open demultiplexing (Linux's ehash): the four-tuple to its connection.
 * Keyed by local port, remote port and remote address in one long; connections differing only
 * in the local address share a bucket and are chained. Lookups allocate nothing. Iteration
 * order is never used for output.
 */
final class ConnectionTable {
    private final Long2ObjectOpenHashMap<TcpConnection> map = new Long2ObjectOpenHashMap<>();

    private static long key(int localPort, int remoteAddr, int remotePort) {
        return ((long) localPort << 48) | ((long) remotePort << 32) | (remoteAddr & 0xFFFF_FFFFL);
    }

    TcpConnection find(int localAddr, int localPort, int remoteAddr, int remotePort) {
        TcpConnection c = map.get(key(localPort, remoteAddr, remotePort));
        while (c != null && c.localAddr != localAddr) {
            c = c.nextInBucket;
        }
        return c;
    }

    void add(TcpConnection c) {
        long k = key(c.localPort, c.remoteAddr, c.remotePort);
        c.nextInBucket = map.get(k);
        map.put(k, c);
    }

    void remove(TcpConnection c) {
        long k = key(c.localPort, c.remoteAddr, c.remotePort);
        TcpConnection head = map.get(k);
        if (head == c) {
            if (c.nextInBucket == null) {
                map.remove(k);
            } else {
                map.put(k, c.nextInBucket);
            }
        } else {
            for (TcpConnection p = head; p != null; p = p.nextInBucket) {
                if (p.nextInBucket == c) {
                    p.nextInBucket = c.nextInBucket;
                    break;
                }
            }
        }
        c.nextInBucket = null;
    }
}
