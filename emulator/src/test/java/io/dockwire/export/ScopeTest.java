package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {
    private static String line(String ns, String cmd) {
        return Scope.line(ns, List.of(cmd.split(" ")));
    }

    @Test
    void hostCommandsRunInTheHostNamespaceOfTheScript() {
        assertEquals("ip -n ${P}host link add veth1 type veth peer name veth2", line(null, "ip link add veth1 type veth peer name veth2"));
        assertEquals("ip netns exec ${P}host iptables -t nat -N DOCKER", line(null, "iptables -t nat -N DOCKER"));
        assertEquals("ip netns exec ${P}host sysctl -w net.ipv4.ip_forward=1", line(null, "sysctl -w net.ipv4.ip_forward=1"));
    }

    @Test
    void everyNamespaceReferenceIsPrefixedButInterfaceNamesAreNot() {
        // "host" after "peer name" is an interface in the lan namespace, not the Docker host.
        assertEquals("ip -n ${P}host link add eth0 type veth peer name host netns ${P}lan",
                line(null, "ip link add eth0 type veth peer name host netns lan"));
        assertEquals("ip -n ${P}abc link set eth0 up", line(null, "ip -n abc link set eth0 up"));
        assertEquals("ip -n ${P}abc -br addr", line("abc", "ip -br addr"));
        assertEquals("ip -n ${P}host link set v1 netns ${P}abc", line(null, "ip link set v1 netns abc"));
        assertEquals("ip netns exec ${P}abc ping -c 1 10.0.0.1", line("abc", "ping -c 1 10.0.0.1"));
    }

    @Test
    void namespacesAreMadeAndRemovedThroughTheScriptsHelpers() {
        assertEquals("netns_add abc", line(null, "ip netns add abc"));
        assertEquals("netns_del abc", line(null, "ip netns del abc"));
        assertEquals("netns_del abc", line("x", "ip netns delete abc"));
        assertEquals("ip -n ${P}abc link set lo up", line(null, "ip netns exec abc ip link set lo up"));
        assertEquals("ip netns list | grep -F \"$P\" || true", line(null, "ip netns list"));
        assertEquals(true, line(null, "ip netns attach x 1").startsWith("# not replayed"));
    }

    @Test
    void wordsAreQuotedForTheShell() {
        assertEquals("ip netns exec ${P}host iptables -A X '!' -i docker0 -m comment --comment 'a b'",
                Scope.line(null, List.of("iptables", "-A", "X", "!", "-i", "docker0", "-m", "comment", "--comment", "a b")));
        assertEquals("'it'\\''s'", Scope.quote("it's"));
    }

    @Test
    void unsafeNamespaceNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Scope.ns("a;rm -rf /"));
        assertThrows(IllegalArgumentException.class, () -> line(null, "ip netns add $(x)"));
    }
}
