package io.dockwire.ip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.wire.Ipv4Address;
import org.junit.jupiter.api.Test;

/** The local and broadcast checks answer for the addresses of the moment, whatever was asked before. */
class AddressesTest {
    private static int ip(String s) {
        return Ipv4Address.parse(s);
    }

    @Test
    void answersFollowAddsAndRemovesAfterAMiss() {
        Addresses a = new Addresses();
        assertFalse(a.isLocal(ip("172.17.0.1")));
        assertFalse(a.isSubnetBroadcast(ip("172.17.255.255")));
        assertFalse(a.isLocal(ip("172.17.0.1"))); // asked twice: the remembered miss
        assertTrue(a.add(4, ip("172.17.0.1"), 16, 0));
        assertTrue(a.isLocal(ip("172.17.0.1")));
        assertTrue(a.isSubnetBroadcast(ip("172.17.255.255")));
        assertFalse(a.isLocal(ip("172.17.0.2")));
        assertFalse(a.isSubnetBroadcast(ip("192.168.1.255")));
        assertTrue(a.add(2, ip("192.168.1.10"), 24, ip("192.168.1.255")));
        assertTrue(a.isLocal(ip("192.168.1.10")));
        assertTrue(a.isSubnetBroadcast(ip("192.168.1.255")));
        a.removeDevice(4);
        assertFalse(a.isLocal(ip("172.17.0.1")));
        assertFalse(a.isSubnetBroadcast(ip("172.17.255.255")));
        assertTrue(a.isLocal(ip("192.168.1.10")));
        assertFalse(a.isLocal(ip("0.0.0.0")));
        assertFalse(a.isSubnetBroadcast(0));
    }
}
