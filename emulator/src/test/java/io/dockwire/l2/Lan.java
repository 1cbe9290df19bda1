package io.dockwire.l2;

import io.dockwire.link.NetDevice;
import io.dockwire.link.Veth;
import io.dockwire.link.VethPair;
import io.dockwire.link.World;
import io.dockwire.sim.Simulator;
import io.dockwire.testing.Frames;
import io.dockwire.testing.RecordingSink;

import java.util.ArrayList;
import java.util.List;

/** Test fixture: bridge br0 with hosts c1..cN, each eth0 (MAC 02:00:00:00:00:0i) joined by a veth. */
final class Lan {
    final RecordingSink sink = new RecordingSink();
    final World world;
    final Bridge br;
    final Veth[] port;
    final Veth[] eth;
    final List<String> received = new ArrayList<>();

    Lan(int hosts) {
        this(hosts, io.dockwire.sim.SimRandom.DEFAULT_SEED);
    }

    Lan(int hosts, long seed) {
        world = new World(new Simulator(seed), sink);
        br = new Bridge(world, "br0");
        port = new Veth[hosts + 1];
        eth = new Veth[hosts + 1];
        for (int i = 1; i <= hosts; i++) {
            VethPair p = world.vethPair("veth" + i, null, "eth0", "c" + i);
            port[i] = p.a();
            eth[i] = p.b();
            eth[i].setMac(mac(i));
            eth[i].setReceiver(this::record);
            br.addPort(port[i]);
        }
        br.setReceiver(this::record);
    }

    static long mac(int i) {
        return 0x0200_0000_0000L | i;
    }

    private void record(NetDevice dev, int slot, long now) {
        received.add(now + " " + dev.qualifiedName() + " " + world.sim().pool().len(slot));
        world.sim().pool().release(slot);
    }

    /** Host i sends a frame of {@code len} bytes to {@code dst} at time {@code t}. */
    void send(int i, long dst, int len, long t) {
        world.transmitAt(eth[i], t, Frames.eth(dst, mac(i), len));
    }

    void sendAs(int i, long src, long dst, int len, long t) {
        world.transmitAt(eth[i], t, Frames.eth(dst, src, len));
    }

    void run() {
        world.sim().runUntilQuiet();
    }
}
