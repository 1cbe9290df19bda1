package io.dockwire.ip;

import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PacketFilterTest {
    @Test
    void hooksRunInLinuxOrderAndAPreroutingDnatIsRoutedAfresh() {
        Net n = Net.routed(1, true);
        List<String> seen = new ArrayList<>();
        int fake = Ipv4Address.parse("10.0.9.9");
        int b = Ipv4Address.parse("10.0.2.2");
        n.ns("r").setFilter(new PacketFilter() {
            @Override
            public int hook(int hook, int slot, byte[] buf, int l3, int len, int in, int out, long now) {
                seen.add(hook + " in " + in + " out " + out + " dst " + Ipv4Address.toString(Ipv4View.dst(buf, l3)));
                if (hook == PREROUTING && Ipv4View.dst(buf, l3) == fake) {
                    new Ipv4View().wrap(buf, l3, len).rewriteDst(b); // ICMP has no pseudo-header
                }
                return ACCEPT;
            }

            @Override
            public String lastVerdictComment() {
                return null;
            }
        });
        n.listen("a", 7);
        n.ping("a", "10.0.9.9", 7, 1, 0, Net.MS);
        n.run();
        int eth0 = n.dev("r", "eth0").ifindex();
        int eth1 = n.dev("r", "eth1").ifindex();
        assertEquals(List.of(
                "0 in " + eth0 + " out 0 dst 10.0.9.9",
                "2 in " + eth0 + " out " + eth1 + " dst 10.0.2.2",
                "4 in " + eth0 + " out " + eth1 + " dst 10.0.2.2",
                "0 in " + eth1 + " out 0 dst 10.0.1.2",
                "2 in " + eth1 + " out " + eth0 + " dst 10.0.1.2",
                "4 in " + eth1 + " out " + eth0 + " dst 10.0.1.2"), seen);
        // No conntrack here, so the reply is not un-NATed: it comes from b's real address.
        assertEquals(List.of("1016000 a reply from 10.0.2.2 seq 1 ttl 63"), n.events);
    }

    @Test
    void outputDropReturnsEpermAndNotesTheFrameWithTheVerdictComment() {
        Net n = Net.routed(1, true);
        n.ns("a").setFilter(new PacketFilter() {
            @Override
            public int hook(int hook, int slot, byte[] buf, int l3, int len, int in, int out, long now) {
                return hook == OUTPUT ? DROP : ACCEPT;
            }

            @Override
            public String lastVerdictComment() {
                return "filter OUTPUT DROP";
            }
        });
        byte[] l4 = new byte[8];
        assertEquals(-Errno.EPERM, n.ns("a").sendIp(0, Ipv4Address.parse("10.0.2.2"), 253, 0, false, l4, 0, 8, 0));
        assertEquals(1, n.ns("a").stats().get(Mib.IpOutRequests));
        assertEquals(List.of("--- IP 10.0.1.2 > 10.0.2.2: ip-proto-253, length 8"), n.frames("a:eth0").stream()
                .map(s -> s.replace(" ttl 64", "")).toList());
        assertEquals(0, n.emu.sim().pool().inUse());
    }
}
