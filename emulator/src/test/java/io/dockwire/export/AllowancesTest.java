package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AllowancesTest {
    @Test
    void allowancesNameInterfacesByGlobAndCarryTheirReason() {
        Allowances a = Allowances.parse("""
                # conformance: allow c1:* python's http.server is not nginx
                #conformance: allow iptables  counters differ because X
                $ docker run -d nginx
                """);
        assertEquals("python's http.server is not nginx", a.allowed("c1:eth0"));
        assertNull(a.allowed("c10:eth0".substring(0, 3) + "x"));
        assertNull(a.allowed("docker0"));
        assertEquals("counters differ because X", a.allowed("iptables"));
        assertNull(a.skipReason());
    }

    @Test
    void aSkipNeedsAReasonAndSoDoesAnAllowance() {
        assertEquals("two hosts", Allowances.parse("# conformance: skip two hosts\n").skipReason());
        assertThrows(IllegalArgumentException.class, () -> Allowances.parse("# conformance: allow docker0\n"));
    }

    @Test
    void globsMatchWholeNamesOnly() {
        Allowances a = Allowances.parse("# conformance: allow veth* relay\n");
        assertEquals("relay", a.allowed("veth1a2b3c4"));
        assertNull(a.allowed("c1:veth0"));
        assertNull(Allowances.parse("# conformance: allow c1.eth0 r\n").allowed("c1xeth0"));
    }

    @Test
    void allowFramesNamesAKnownFrameClassWithItsReason() {
        Allowances a = Allowances.parse("""
                # conformance: allow-frames arp-probe the kernel's neighbour timer fires 0-256 ms late
                # conformance: allow c1:* other
                """);
        assertEquals("the kernel's neighbour timer fires 0-256 ms late", a.framesAllowed("arp-probe"));
        assertEquals("other", a.allowed("c1:eth0"));
        assertNull(a.allowed("arp-probe"));
        assertNull(Allowances.parse("# conformance: allow c1:* other\n").framesAllowed("arp-probe"));
        assertThrows(IllegalArgumentException.class, () -> Allowances.parse("# conformance: allow-frames arp-probe\n"));
        assertThrows(IllegalArgumentException.class, () -> Allowances.parse("# conformance: allow-frames igmp because\n"));
    }

    @Test
    void anArpProbeAllowanceCanNameTheAddressAsked() {
        Allowances a = Allowances.parse("""
                # conformance: allow-frames arp-probe:172.17.0.1 timer wheel
                """);
        assertEquals(java.util.Map.of("172.17.0.1", "timer wheel"), a.arpProbeTargets());
        assertEquals(java.util.Map.of("*", "any"),
                Allowances.parse("# conformance: allow-frames arp-probe any\n").arpProbeTargets());
        assertThrows(IllegalArgumentException.class,
                () -> Allowances.parse("# conformance: allow-frames arp-probe:172.17.0.300 why\n"));
        assertThrows(IllegalArgumentException.class,
                () -> Allowances.parse("# conformance: allow-frames arp-probe: why\n"));
    }
}
