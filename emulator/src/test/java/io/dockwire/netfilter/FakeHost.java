package io.dockwire.netfilter;

import io.dockwire.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A namespace as netfilter sees it: interfaces with addresses; records rejects and log lines. */
final class FakeHost implements NetfilterHost {
    record Reject(RejectWith with, byte[] packet, int inIfindex) {
    }

    final Map<Integer, String> names = new HashMap<>();
    final Map<Integer, Integer> addrs = new HashMap<>();
    final List<Reject> rejects = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    FakeHost iface(int ifindex, String name, String addr) {
        names.put(ifindex, name);
        if (addr != null) {
            addrs.put(ifindex, Ipv4Address.parse(addr));
        }
        return this;
    }

    @Override
    public String interfaceName(int ifindex) {
        return names.getOrDefault(ifindex, "");
    }

    @Override
    public boolean isLocalAddress(int addr) {
        return (addr >>> 24) == 127 || addrs.containsValue(addr);
    }

    @Override
    public int primaryAddress(int ifindex) {
        return addrs.getOrDefault(ifindex, 0);
    }

    @Override
    public void sendReject(RejectWith with, byte[] packet, int l3Off, int l3Len, int inIfindex) {
        byte[] copy = new byte[l3Len];
        System.arraycopy(packet, l3Off, copy, 0, l3Len);
        rejects.add(new Reject(with, copy, inIfindex));
    }

    @Override
    public void log(String line) {
        log.add(line);
    }
}
