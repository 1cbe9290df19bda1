package io.dockwire.docker;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Host ports held by published container ports, per (host IP, protocol), as moby's portallocator
 * keeps them. Ephemeral ports come from the profile's range: the allocator remembers the last
 * port it gave and takes the next free one after it, wrapping around - which on a fresh daemon is
 * the first free port of the range (moby portallocator.findPort).
 */
final class PortAllocator {
    private final int low;
    private final int high;
    private final Map<String, TreeSet<Integer>> used = new HashMap<>();
    private final Map<String, Integer> last = new HashMap<>();

    PortAllocator(int low, int high) {
        this.low = low;
        this.high = high;
    }

    /** Holds a specific port; false when it is already allocated. */
    boolean request(String ip, String proto, int port) {
        return used.computeIfAbsent(ip + "/" + proto, k -> new TreeSet<>()).add(port);
    }

    /** Holds the next free ephemeral port, or -1 when the range is exhausted. */
    int requestEphemeral(String ip, String proto) {
        String key = ip + "/" + proto;
        TreeSet<Integer> taken = used.computeIfAbsent(key, k -> new TreeSet<>());
        int port = last.getOrDefault(key, high);
        for (int i = 0; i <= high - low; i++) {
            port = port >= high ? low : port + 1;
            if (taken.add(port)) {
                last.put(key, port);
                return port;
            }
        }
        return -1;
    }

    void release(String ip, String proto, int port) {
        TreeSet<Integer> taken = used.get(ip + "/" + proto);
        if (taken != null) {
            taken.remove(port);
        }
    }
}
