package io.dockwire.bench;

import io.dockwire.wire.FrameBuilder;
import io.dockwire.wire.Icmpv4Repr;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.MacAddress;

/** Frames the benchmarks work on, built with the project's own builders (valid checksums). */
final class Fixtures {
    private Fixtures() {
    }

    /** A 98-byte ICMP echo request 172.17.0.2 -> 172.17.0.3, as iputils ping sends it. */
    static byte[] ping() {
        return FrameBuilder.icmp(MacAddress.parse("02:42:ac:11:00:03"), MacAddress.parse("02:42:ac:11:00:02"),
                Ipv4Address.parse("172.17.0.2"), Ipv4Address.parse("172.17.0.3"), 64, 1,
                Icmpv4Repr.echoRequest(1, 1, new byte[56]));
    }
}
