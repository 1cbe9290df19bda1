package io.dockwire.l2;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.Arrays;

/**
 * A bridge's forwarding database: MAC -> (port index, last seen, local flag), as Linux
 * {@code net_bridge_fdb_entry}. A fastutil map from the MAC (a long, no boxing) gives the record
 * index; a record is three longs side by side in one array (MAC, last seen, port and flags), so
 * a lookup touches one record's cache line, not one per field. Ageing policy is the bridge's;
 * this class only stores.
 */
final class Fdb {
    static final int MISSING = -1;

    private static final int STRIDE = 3;
    private static final long LOCAL = 1L << 32;
    private static final long USED = 1L << 33;

    private final Long2IntOpenHashMap index = new Long2IntOpenHashMap(64);
    // Record r at r * STRIDE: MAC, last seen, port (low 32 bits) | LOCAL | USED.
    private long[] rec = new long[64 * STRIDE];
    private int[] freeList = new int[64];
    private int freeTop;
    private int records;
    /** The records {@link #find} answered last (0 the newer), -1 for none. */
    private int recent0 = -1;
    private int recent1 = -1;

    Fdb() {
        index.defaultReturnValue(MISSING);
    }

    /**
     * The record of MAC {@code m}, {@link #MISSING} when none. The two records found last are
     * tried before the map: a bridge forwarding a flow learns its source and looks up its
     * destination for every frame. A record answers only while it is in use and holds {@code m},
     * and the map holds exactly the records in use, one per MAC, so this is the map's answer.
     */
    int find(long m) {
        int r = recent0;
        if (r >= 0 && holds(r, m)) {
            return r;
        }
        r = recent1;
        if (r >= 0 && holds(r, m)) {
            return r;
        }
        r = index.get(m);
        if (r >= 0) {
            recent1 = recent0;
            recent0 = r;
        }
        return r;
    }

    private boolean holds(int r, long m) {
        int i = r * STRIDE;
        return rec[i] == m && (rec[i + 2] & USED) != 0;
    }

    int add(long m, int p, long now, boolean isLocal) {
        int r;
        if (freeTop > 0) {
            r = freeList[--freeTop];
        } else {
            r = records++;
            if (r == freeList.length) {
                rec = Arrays.copyOf(rec, r * 2 * STRIDE);
                freeList = Arrays.copyOf(freeList, r * 2);
            }
        }
        int i = r * STRIDE;
        rec[i] = m;
        rec[i + 1] = now;
        rec[i + 2] = (p & 0xFFFF_FFFFL) | (isLocal ? LOCAL : 0) | USED;
        index.put(m, r);
        return r;
    }

    void remove(int r) {
        index.remove(rec[r * STRIDE]);
        rec[r * STRIDE + 2] &= ~USED;
        freeList[freeTop++] = r;
    }

    /** Number of record slots ever used; iterate 0..limit and skip unused ones. */
    int limit() {
        return records;
    }

    boolean used(int r) {
        return (rec[r * STRIDE + 2] & USED) != 0;
    }

    long mac(int r) {
        return rec[r * STRIDE];
    }

    int port(int r) {
        return (int) rec[r * STRIDE + 2];
    }

    void setPort(int r, int p) {
        int i = r * STRIDE + 2;
        rec[i] = (rec[i] & ~0xFFFF_FFFFL) | (p & 0xFFFF_FFFFL);
    }

    long updated(int r) {
        return rec[r * STRIDE + 1];
    }

    void touch(int r, long now) {
        rec[r * STRIDE + 1] = now;
    }

    boolean isLocal(int r) {
        return (rec[r * STRIDE + 2] & LOCAL) != 0;
    }

    int size() {
        return index.size();
    }
}
