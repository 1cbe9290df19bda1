package io.dockwire.wire;

import static io.dockwire.wire.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.*;
import org.pcap4j.packet.namednumber.*;
import org.pcap4j.util.MacAddress;

/** Pcap4J 1.8.2 as an independent decoder/encoder to cross-check ours. */
class Pcap4jOracleTest {

    @Test
    void framesWeBuildDecodeInPcap4jWithValidChecksums() throws Exception {
        TcpRepr syn = new TcpRepr(40001, 8080, 921508325L, 0, TcpView.SYN, 64240, 0,
                TcpOptions.linuxSyn(1460, 7, 1, 0), 0);
        byte[] f = TcpTest.build(TCP_SYN, syn, IP_C1, IP_C2);
        EthernetPacket eth = EthernetPacket.newPacket(f, 0, f.length);
        IpV4Packet ip = eth.get(IpV4Packet.class);
        assertEquals(inet(IP_C1), ip.getHeader().getSrcAddr());
        assertEquals(64, ip.getHeader().getTtlAsInt());
        assertTrue(ip.getHeader().hasValidChecksum(false));
        TcpPacket tcp = eth.get(TcpPacket.class);
        assertEquals(40001, tcp.getHeader().getSrcPort().valueAsInt());
        assertEquals(921508325, tcp.getHeader().getSequenceNumber());
        assertTrue(tcp.getHeader().getSyn());
        assertEquals(64240, tcp.getHeader().getWindowAsInt());
        assertTrue(tcp.hasValidChecksum(inet(IP_C1), inet(IP_C2), false));

        byte[] echo = FrameSummaryTest.icmpFrame(Icmpv4Repr.echoRequest(7, 9, new byte[] {1, 2, 3}));
        IcmpV4CommonPacket icmp = EthernetPacket.newPacket(echo, 0, echo.length).get(IcmpV4CommonPacket.class);
        assertEquals(IcmpV4Type.ECHO, icmp.getHeader().getType());
        assertTrue(icmp.hasValidChecksum(false));
        IcmpV4EchoPacket e = EthernetPacket.newPacket(echo, 0, echo.length).get(IcmpV4EchoPacket.class);
        assertEquals(7, e.getHeader().getIdentifierAsInt());
        assertEquals(9, e.getHeader().getSequenceNumberAsInt());

        ArpPacket arp = EthernetPacket.newPacket(ARP_REQUEST, 0, ARP_REQUEST.length).get(ArpPacket.class);
        assertEquals(ArpOperation.REQUEST, arp.getHeader().getOperation());
        assertEquals(inet(IP_C2), arp.getHeader().getDstProtocolAddr());
    }

    @Test
    void udpFrameBuiltByPcap4jDecodesInOurs() throws Exception {
        Inet4Address src = inet(0xc0a80114);
        Inet4Address dst = inet(0xc0a8010a);
        UnknownPacket.Builder data = new UnknownPacket.Builder().rawData(new byte[] {9, 8, 7, 6, 5});
        UdpPacket.Builder udp = new UdpPacket.Builder().srcPort(UdpPort.getInstance((short) 40000))
                .dstPort(UdpPort.getInstance((short) 8080)).srcAddr(src).dstAddr(dst).payloadBuilder(data)
                .correctChecksumAtBuild(true).correctLengthAtBuild(true);
        IpV4Packet.Builder ip = new IpV4Packet.Builder().version(IpVersion.IPV4).tos(IpV4Rfc791Tos.newInstance((byte) 0))
                .ttl((byte) 63).protocol(IpNumber.UDP).srcAddr(src).dstAddr(dst).identification((short) 0x1234)
                .dontFragmentFlag(true).payloadBuilder(udp).correctChecksumAtBuild(true).correctLengthAtBuild(true);
        EthernetPacket eth = new EthernetPacket.Builder().dstAddr(MacAddress.getByName("02:42:ac:11:00:02"))
                .srcAddr(MacAddress.getByName("02:42:ac:11:00:01")).type(EtherType.IPV4).payloadBuilder(ip)
                .paddingAtBuild(true).build();
        byte[] f = eth.getRawData();

        assertEquals(DropReason.OK, new FrameCheck().check(f, 0, f.length));
        Ipv4Repr ours = Ipv4Repr.parse(new Ipv4View().wrap(f, 14, f.length - 14));
        assertEquals(new Ipv4Repr(0xc0a80114, 0xc0a8010a, 17, 63, 0, 0x1234, true, false, 0, 13), ours);
        assertEquals(new UdpRepr(40000, 8080, 5), UdpRepr.parse(new UdpView().wrap(f, 34, 13), 0xc0a80114, 0xc0a8010a));
        assertEquals("IP 192.168.1.20.40000 > 192.168.1.10.8080: UDP, length 5", FrameSummary.describe(f));
    }

    static Inet4Address inet(int addr) throws Exception {
        byte[] b = new byte[4];
        Ipv4Address.write(b, 0, addr);
        return (Inet4Address) InetAddress.getByAddress(b);
    }
}
