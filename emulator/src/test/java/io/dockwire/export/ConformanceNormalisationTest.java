package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConformanceNormalisationTest {
    @Test
    void counterListingsAreComparedWithoutColumnWidthsOrPolicyCounters() {
        assertEquals(List.of("Chain PREROUTING (policy ACCEPT)", "pkts bytes target", "1 84 MASQUERADE 0 -- * !docker0"),
                Conformance.squeeze("""
                        Chain PREROUTING (policy ACCEPT 7 packets, 564 bytes)
                            pkts      bytes target

                               1       84 MASQUERADE  0    --  *      !docker0
                        """));
    }

    @Test
    void igmpFramesAreSetAsideAndEmptyInterfacesDisappear() {
        byte[] igmp = new byte[46];
        igmp[12] = 0x08;
        igmp[23] = 2;
        byte[] icmp = igmp.clone();
        icmp[23] = 1;
        byte[] arp = igmp.clone();
        arp[13] = 0x06;
        Map<String, List<byte[]>> m = new TreeMap<>();
        m.put("docker0", new ArrayList<>(List.of(igmp)));
        m.put("c1:eth0", new ArrayList<>(List.of(igmp, arp, icmp)));
        assertEquals(2, Conformance.dropIgmp(m));
        assertEquals(List.of("c1:eth0"), List.copyOf(m.keySet()));
        assertEquals(List.of(arp, icmp), m.get("c1:eth0"));
    }
}
