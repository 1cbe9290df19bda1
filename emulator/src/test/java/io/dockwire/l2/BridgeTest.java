package io.dockwire.l2;

import io.dockwire.link.DeviceCounters;
import io.dockwire.link.DropReason;
import io.dockwire.wire.MacAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dockwire.link.DeviceCounters.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class BridgeTest {
    private static final long BCAST = MacAddress.BROADCAST;

    @Test
    void floodsBroadcastToEveryPortButIngressAndUpToTheHost() {
        Lan lan = new Lan(3);
        lan.send(1, BCAST, 60, 0);
        lan.run();
        assertEquals(of(0, 0, 1, 60), lan.eth[1].counters());
        assertEquals(of(1, 60, 0, 0), lan.port[1].counters());
        assertEquals(of(0, 0, 1, 60), lan.port[2].counters());
        assertEquals(of(0, 0, 1, 60), lan.port[3].counters());
        assertEquals(of(1, 60, 0, 0), lan.eth[2].counters());
        assertEquals(of(1, 60, 0, 0), lan.eth[3].counters());
        assertEquals(of(1, 60, 0, 0), lan.br.counters());
        assertEquals(List.of("2000 br0 60", "4000 c2:eth0 60", "4000 c3:eth0 60"), lan.received.stream().sorted().toList());
        assertEquals(1, lan.br.flooded());
        assertEquals(1, lan.br.toHost());
        assertEquals(0, lan.br.forwarded());
        assertEquals(0, lan.world.sim().pool().inUse());
    }

    @Test
    void floodsUnknownUnicastToEveryPortButIngressAndNotToTheHost() {
        Lan lan = new Lan(3);
        lan.send(1, 0x0200_0000_0099L, 60, 0);
        lan.run();
        assertEquals(of(1, 60, 0, 0), lan.port[1].counters());
        assertEquals(of(0, 0, 1, 60), lan.port[2].counters());
        assertEquals(of(0, 0, 1, 60), lan.port[3].counters());
        assertEquals(of(0, 0, 0, 0), lan.br.counters());
        assertEquals(1, lan.br.flooded());
        assertEquals(0, lan.br.toHost());
    }

    @Test
    void learnedUnicastGoesToOnePortAndTheThirdPortNeverSeesIt() {
        Lan lan = new Lan(3);
        lan.send(1, BCAST, 60, 0);           // c1 announces itself (an ARP request, say)
        lan.send(2, Lan.mac(1), 70, 10_000); // reply: c1 is known
        lan.send(1, Lan.mac(2), 80, 20_000); // c2 learned from the reply
        lan.send(2, Lan.mac(1), 90, 30_000);
        lan.run();
        assertEquals(of(0, 0, 1, 60), lan.port[3].counters());
        assertEquals(of(1, 60, 0, 0), lan.eth[3].counters());
        assertEquals(1, lan.sink.on("veth3").size());
        assertEquals(1, lan.sink.on("c3:eth0").size());
        assertEquals(of(2, 140, 2, 160), lan.port[1].counters());
        assertEquals(of(2, 160, 2, 140), lan.port[2].counters());
        assertEquals(of(2, 140, 2, 160), lan.eth[2].counters());
        assertEquals(of(2, 160, 2, 140), lan.eth[1].counters());
        assertEquals(of(1, 60, 0, 0), lan.br.counters());
        assertEquals(3, lan.br.forwarded());
        assertEquals(1, lan.br.flooded());
        assertEquals(0, lan.br.filteredSamePort());
        assertSame(lan.port[1], lan.br.fdbPort(Lan.mac(1), lan.world.now()));
        assertSame(lan.port[2], lan.br.fdbPort(Lan.mac(2), lan.world.now()));
    }

    @Test
    void capturesEveryHopWithItsOwnTimestampAndDirection() {
        Lan lan = new Lan(2);
        lan.send(1, Lan.mac(2), 60, 1_000);
        lan.run();
        StringBuilder sb = new StringBuilder();
        for (var f : lan.sink.frames) {
            sb.append(f.timeNs()).append(' ').append(lan.sink.nameOf(f.ifId())).append(' ').append(f.direction()).append('\n');
        }
        assertEquals("1000 c1:eth0 2\n3000 veth1 1\n3000 veth2 2\n5000 c2:eth0 1\n", sb.toString());
    }

    @Test
    void entryAgesOutAfter300SecondsAndTheNextFrameFloods() {
        Lan lan = new Lan(3);
        lan.send(2, BCAST, 60, 0); // c2 learned at t=2000 (arrival on veth2)
        lan.run();
        lan.world.sim().runUntil(2000 + Bridge.DEFAULT_AGEING_NS - 1);
        assertSame(lan.port[2], lan.br.fdbPort(Lan.mac(2), lan.world.now()));
        lan.world.sim().runFor(1);
        assertNull(lan.br.fdbPort(Lan.mac(2), lan.world.now()));
        assertEquals(1, lan.br.agedOut());
        assertEquals(0, lan.world.sim().pendingTimers()); // nothing left to age: timer not re-armed
        long t = lan.world.now();
        lan.send(1, Lan.mac(2), 60, t);
        lan.run();
        assertEquals(of(0, 0, 2, 120), lan.port[3].counters()); // the broadcast, then the flood
        assertEquals(2, lan.br.flooded());
        assertEquals(0, lan.br.forwarded());
    }

    @Test
    void shorterAgeingTimeTakesEffectAtOnce() {
        Lan lan = new Lan(2);
        lan.send(2, BCAST, 60, 0);
        lan.world.sim().runUntil(10_000_000_000L);
        lan.br.setAgeingTimeNs(5_000_000_000L);
        assertNull(lan.br.fdbPort(Lan.mac(2), lan.world.now()));
        assertEquals(1, lan.br.agedOut());
    }

    @Test
    void macSeenOnAnotherPortMoves() {
        Lan lan = new Lan(3);
        lan.send(2, BCAST, 60, 0);
        lan.sendAs(3, Lan.mac(2), BCAST, 60, 10_000); // c2's MAC now behind veth3
        lan.send(1, Lan.mac(2), 60, 20_000);
        lan.run();
        assertEquals(1, lan.br.macMoves());
        assertSame(lan.port[3], lan.br.fdbPort(Lan.mac(2), lan.world.now()));
        assertEquals(of(1, 60, 1, 60), lan.port[2].counters()); // c2's broadcast in, c3's out
        assertEquals(of(1, 60, 2, 120), lan.port[3].counters()); // the first broadcast and the unicast
    }

    @Test
    void neverSendsBackOutOfTheIngressPortUnlessHairpinIsOn() {
        Lan lan = new Lan(2);
        long other = 0x0200_0000_00AAL;                 // a second station behind veth1
        lan.sendAs(1, other, BCAST, 60, 0);
        lan.send(1, other, 60, 10_000);
        lan.run();
        assertEquals(1, lan.br.filteredSamePort());
        assertEquals(of(2, 120, 0, 0), lan.port[1].counters());
        assertEquals(of(0, 0, 1, 60), lan.port[2].counters());

        lan.br.setHairpin(lan.port[1], true);
        lan.send(1, other, 60, 20_000);
        lan.send(1, BCAST, 60, 30_000);                 // a flood also goes back out with hairpin
        lan.run();
        assertEquals(1, lan.br.filteredSamePort());
        assertEquals(of(4, 240, 2, 120), lan.port[1].counters());
        assertEquals(of(0, 0, 2, 120), lan.port[2].counters());
        assertEquals(of(2, 120, 4, 240), lan.eth[1].counters());
    }

    @Test
    void framesOverTheMtuAreDroppedAndCounted() {
        Lan lan = new Lan(3);
        lan.send(1, BCAST, 1515, 0);                   // L3 size 1501 > 1500 at the sender
        lan.port[2].setMtu(1400);
        lan.send(1, BCAST, 1450, 10_000);              // fits c1 and veth3, not veth2
        lan.run();
        assertEquals(new DeviceCounters(0, 0, 1, 1450, 0, 1, 0), lan.eth[1].counters());
        assertEquals(1, lan.eth[1].txDropped(DropReason.MTU));
        assertEquals(new DeviceCounters(0, 0, 0, 0, 0, 1, 0), lan.port[2].counters());
        assertEquals(1, lan.port[2].txDropped(DropReason.MTU));
        assertEquals(of(0, 0, 1, 1450), lan.port[3].counters());
        assertEquals(of(0, 0, 0, 0), lan.eth[2].counters());
        assertEquals(1, lan.sink.on("c1:eth0").size());
        assertEquals(0, lan.sink.on("veth2").size());
    }

    @Test
    void downDevicesDropAndCount() {
        Lan lan = new Lan(3);
        lan.eth[2].setUp(false);                       // veth2 loses carrier
        lan.port[3].setUp(false);                      // a down port forwards nothing
        lan.send(1, BCAST, 60, 0);
        lan.run();
        assertEquals(new DeviceCounters(0, 0, 0, 0, 0, 1, 0), lan.port[2].counters());
        assertEquals(1, lan.port[2].txDropped(DropReason.PEER_DOWN));
        assertEquals(of(0, 0, 0, 0), lan.port[3].counters());
        assertEquals(of(0, 0, 0, 0), lan.eth[3].counters());

        lan.eth[1].setUp(false);
        lan.send(1, BCAST, 60, 10_000);
        lan.run();
        assertEquals(new DeviceCounters(0, 0, 1, 60, 0, 1, 0), lan.eth[1].counters());
        assertEquals(1, lan.eth[1].txDropped(DropReason.DOWN));
        assertEquals(0, lan.world.sim().pool().inUse());
    }

    @Test
    void frameInFlightToADownEndIsDroppedOnArrival() {
        Lan lan = new Lan(2);
        lan.send(1, BCAST, 60, 0);
        lan.world.sim().runUntil(3000);                // copy for c2 is on the wire (arrives 4000)
        lan.eth[2].setUp(false);
        lan.run();
        assertEquals(new DeviceCounters(0, 0, 0, 0, 1, 0, 0), lan.eth[2].counters());
        assertEquals(1, lan.eth[2].rxDropped(DropReason.DOWN));
    }

    @Test
    void groupSourceIsDroppedAndLinkLocalGroupIsNotForwarded() {
        Lan lan = new Lan(2);
        lan.sendAs(1, 0x0100_5E00_0001L, BCAST, 60, 0);
        lan.send(1, 0x0180_C200_0000L, 60, 10_000); // an STP BPDU
        lan.run();
        assertEquals(1, lan.br.invalidSource());
        assertEquals(of(1, 60, 0, 0), lan.br.counters());
        assertEquals(of(0, 0, 0, 0), lan.port[2].counters());
    }

    @Test
    void hostStackSendsOutOfTheBridgeByFdbLookup() {
        Lan lan = new Lan(3);
        lan.send(2, BCAST, 60, 0);
        lan.run();
        long t = lan.world.now();
        lan.world.transmitAt(lan.br, t, io.dockwire.testing.Frames.eth(Lan.mac(2), lan.br.mac(), 60));
        lan.world.transmitAt(lan.br, t, io.dockwire.testing.Frames.eth(BCAST, lan.br.mac(), 60));
        lan.run();
        assertEquals(of(1, 60, 2, 120), lan.br.counters());
        assertEquals(of(1, 60, 2, 120), lan.port[2].counters());
        assertEquals(of(0, 0, 2, 120), lan.port[1].counters());
        assertEquals(of(0, 0, 2, 120), lan.port[3].counters());
    }

    @Test
    void bridgeCaptureShowsHostBoundFramesOnlyUnlessPromiscuous() {
        Lan lan = new Lan(3);
        lan.send(1, BCAST, 60, 0);
        lan.send(2, Lan.mac(1), 60, 10_000);
        lan.send(1, lan.br.mac(), 60, 20_000);
        lan.run();
        assertEquals(2, lan.sink.on("br0").size());
        lan.br.setPromiscuousCapture(true);
        lan.send(2, Lan.mac(1), 60, 30_000);
        lan.run();
        assertEquals(3, lan.sink.on("br0").size());
        assertEquals(of(2, 120, 0, 0), lan.br.counters());
    }
}
