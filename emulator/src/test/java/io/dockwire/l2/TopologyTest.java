package io.dockwire.l2;

import io.dockwire.link.VethPair;
import io.dockwire.link.World;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopologyTest {
    private final World world = new World();

    @Test
    void refusesBothEndsOfOneVethOnTheSameBridge() {
        Bridge br = new Bridge(world, "br0");
        VethPair p = world.vethPair("va", null, "vb", null);
        br.addPort(p.a());
        L2LoopException e = assertThrows(L2LoopException.class, () -> br.addPort(p.b()));
        assertEquals("refusing to enslave vb to br0: it would close a layer-2 loop (vb - va - br0 - vb);"
                + " dockwire has no STP", e.getMessage());
    }

    @Test
    void refusesTwoBridgesConnectedTwice() {
        Bridge b1 = new Bridge(world, "br1");
        Bridge b2 = new Bridge(world, "br2");
        VethPair l1 = world.vethPair("l1a", null, "l1b", null);
        VethPair l2 = world.vethPair("l2a", null, "l2b", null);
        b1.addPort(l1.a());
        b2.addPort(l1.b());
        b1.addPort(l2.a());
        L2LoopException e = assertThrows(L2LoopException.class, () -> b2.addPort(l2.b()));
        assertEquals("refusing to enslave l2b to br2: it would close a layer-2 loop"
                + " (l2b - l2a - br1 - l1a - l1b - br2 - l2b); dockwire has no STP", e.getMessage());
        assertEquals(null, l2.b().master());
    }

    @Test
    void acceptsATreeOfBridges() {
        Bridge b1 = new Bridge(world, "br1");
        Bridge b2 = new Bridge(world, "br2");
        Bridge b3 = new Bridge(world, "br3");
        VethPair l1 = world.vethPair("l1a", null, "l1b", null);
        VethPair l2 = world.vethPair("l2a", null, "l2b", null);
        b1.addPort(l1.a());
        b2.addPort(l1.b());
        b1.addPort(l2.a());
        b3.addPort(l2.b());
        assertEquals(2, b1.ports().size());
    }

    @Test
    void refusesBridgesAsPortsAndDoubleEnslaving() {
        Bridge b1 = new Bridge(world, "br1");
        Bridge b2 = new Bridge(world, "br2");
        VethPair p = world.vethPair("va", null, "eth0", "c1");
        b1.addPort(p.a());
        assertEquals("cannot enslave bridge br2 to br1: Linux does not bridge bridges (ELOOP)",
                assertThrows(IllegalArgumentException.class, () -> b1.addPort(b2)).getMessage());
        assertEquals("cannot enslave va to br2: already enslaved to br1",
                assertThrows(IllegalArgumentException.class, () -> b2.addPort(p.a())).getMessage());
    }

    @Test
    void removingAPortForgetsItsEntriesAndAllowsReuse() {
        Bridge b1 = new Bridge(world, "br1");
        VethPair p = world.vethPair("va", null, "vb", null);
        b1.addPort(p.a());
        b1.removePort(p.a());
        assertEquals(0, b1.fdbSize());
        b1.addPort(p.b());
        assertEquals(1, b1.fdbSize());
    }
}
