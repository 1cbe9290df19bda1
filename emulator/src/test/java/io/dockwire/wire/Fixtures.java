package io.dockwire.wire;

import java.util.HexFormat;

/**
 * Real frames captured with tcpdump on a veth between two network namespaces (Linux 172.17.0.2
 * with MAC 02:42:ac:11:00:02 talking to 172.17.0.3 with 02:42:ac:11:00:03). The UDP datagram and
 * the TCP SYN left with partial checksums (veth checksum offload); their checksum fields are
 * replaced by the finished values tcpdump -vv computed (0xcadc, 0x6d82). The RST,ACK, ICMP and
 * IP checksums are the kernel's own.
 */
final class Fixtures {
    private Fixtures() {
    }

    static final byte[] ARP_REQUEST = hex("ffffffffffff0242ac110002080600010800060400010242ac110002ac110002"
            + "000000000000ac110003");
    static final byte[] ARP_REPLY = hex("0242ac1100020242ac110003080600010800060400020242ac110003ac110003"
            + "0242ac110002ac110002");
    /** Raw-socket echo request, id 1 seq 1, 56 data bytes 0x10..0x47. */
    static final byte[] ICMP_ECHO_REQUEST = hex("0242ac1100030242ac110002080045000054fa6a40004001e816ac110002ac110003"
            + "08003f2900010001" + ECHO_DATA_HEX());
    static final byte[] ICMP_ECHO_REPLY = hex("0242ac1100020242ac110003080045000054b32f000040016f52ac110003ac110002"
            + "0000472900010001" + ECHO_DATA_HEX());
    /** "hello, world" from 172.17.0.2:40000 to 172.17.0.3:53. */
    static final byte[] UDP_DNS_PORT = hex("0242ac1100030242ac1100020800450000288379400040115f24ac110002ac110003"
            + "9c400035" + "0014cadc" + "68656c6c6f2c20776f726c64");
    /** The kernel's port unreachable for the datagram above, quoting all 40 bytes of it. */
    static final byte[] ICMP_PORT_UNREACHABLE = hex("0242ac1100020242ac110003080045c00044b36a000040016e67ac110003ac110002"
            + "0303c7d900000000" + "450000288379400040115f24ac110002ac1100039c4000350014584d68656c6c6f2c20776f726c64");
    /** connect() SYN: mss 1460, sackOK, TS val 1852312662 ecr 0, nop, wscale 10. */
    static final byte[] TCP_SYN = hex("0242ac1100030242ac11000208004500003c25d640004006bcbeac110002ac110003"
            + "9c411f9036ed19e500000000a002faf06d820000020405b40402080a6e680c56000000000103030a");
    /** The closed port's RST,ACK: seq 0, ack ISN+1, window 0, IP ID 0, DF. */
    static final byte[] TCP_RST_ACK = hex("0242ac1100020242ac110003080045000028000040004006e2a8ac110003ac110002"
            + "1f909c410000000036ed19e6501400004b040000");

    static final long MAC_C1 = 0x0242ac110002L;
    static final long MAC_C2 = 0x0242ac110003L;
    static final int IP_C1 = 0xac110002;
    static final int IP_C2 = 0xac110003;

    static String ECHO_DATA_HEX() {
        StringBuilder sb = new StringBuilder();
        for (int b = 0x10; b < 0x48; b++) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    static byte[] echoData() {
        return hex(ECHO_DATA_HEX());
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static byte[] filled(int len) {
        byte[] b = new byte[len];
        java.util.Arrays.fill(b, (byte) 0xA5);
        return b;
    }
}
