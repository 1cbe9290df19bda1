package io.dockwire.l2;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.Arrays;

/**
 * A bridge's forwarding database: MAC -> (port index, last seen, local flag), as Linux
 * {@code net_bridge_fdb_entry}. Records live in parallel primitive arrays reached through a
 * fastutil map from the MAC (a long, no boxing) to the record index. Ageing policy is the
 * bridge's; this class only stores.
 */
final class Fdb {
    static final int MISSING = -1;

    private final Long2IntOpenHashMap index = new Long2IntOpenHashMap(64);
    private long[] mac = new long[64];
    private int[] port = new int[64];
    private long[] updated = new long[64];
    private boolean[] local = new boolean[64];
    private boolean[] used = new boolean[64];
    private int[] freeList = new int[64];
    private int freeTop;
    private int records;

    Fdb() {
        index.defaultReturnValue(MISSING);
    }

    int find(long m) {
        return index.get(m);
    }

    int add(long m, int p, long now, boolean isLocal) {
        int r;
        if (freeTop > 0) {
            r = freeList[--freeTop];
        } else {
            r = records++;
            if (r == mac.length) {
                int n = r * 2;
                mac = Arrays.copyOf(mac, n);
                port = Arrays.copyOf(port, n);
                updated = Arrays.copyOf(updated, n);
                local = Arrays.copyOf(local, n);
                used = Arrays.copyOf(used, n);
                freeList = Arrays.copyOf(freeList, n);
            }
        }
        mac[r] = m;
        port[r] = p;
        updated[r] = now;
        local[r] = isLocal;
        used[r] = true;
        index.put(m, r);
        return r;
    }

    void remove(int r) {
        index.remove(mac[r]);
        used[r] = false;
        freeList[freeTop++] = r;
    }

    /** Number of record slots ever used; iterate 0..limit and skip unused ones. */
    int limit() {
        return records;
    }

    boolean used(int r) {
        return used[r];
    }

    long mac(int r) {
        return mac[r];
    }

    int port(int r) {
        return port[r];
    }

    void setPort(int r, int p) {
        port[r] = p;
    }

    long updated(int r) {
        return updated[r];
    }

    void touch(int r, long now) {
        updated[r] = now;
    }

    boolean isLocal(int r) {
        return local[r];
    }

    int size() {
        return index.size();
    }
}
