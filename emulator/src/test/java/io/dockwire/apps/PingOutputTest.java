package io.dockwire.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PingOutputTest {
    @Test
    void iputilsSuccessMatchesRealOutput() {
        PingOutput p = new PingOutput(PingOutput.Style.IPUTILS, "172.17.0.3", "172.17.0.3", 56);
        p.sent(0);
        p.reply(64, "172.17.0.3", 1, 64, 140_000);
        p.sent(204_000_000);
        p.reply(64, "172.17.0.3", 2, 64, 104_000);
        assertEquals(0, p.finish());
        assertEquals("""
                PING 172.17.0.3 (172.17.0.3) 56(84) bytes of data.
                64 bytes from 172.17.0.3: icmp_seq=1 ttl=64 time=0.140 ms
                64 bytes from 172.17.0.3: icmp_seq=2 ttl=64 time=0.104 ms

                --- 172.17.0.3 ping statistics ---
                2 packets transmitted, 2 received, 0% packet loss, time 204ms
                rtt min/avg/max/mdev = 0.104/0.122/0.140/0.018 ms
                """, p.text());
    }

    @Test
    void quietKeepsTheHeaderAndTheStatisticsOnly() {
        PingOutput p = new PingOutput(PingOutput.Style.IPUTILS, "172.17.0.3", "172.17.0.3", 56);
        p.quiet();
        p.sent(0);
        p.reply(64, "172.17.0.3", 1, 64, 140_000);
        assertEquals(0, p.finish());
        assertEquals("""
                PING 172.17.0.3 (172.17.0.3) 56(84) bytes of data.

                --- 172.17.0.3 ping statistics ---
                1 packets transmitted, 1 received, 0% packet loss, time 0ms
                rtt min/avg/max/mdev = 0.140/0.140/0.140/0.000 ms
                """, p.text());
    }

    @Test
    void iputilsTimeExceededCountsAsErrorAndExitsOne() {
        PingOutput p = new PingOutput(PingOutput.Style.IPUTILS, "192.168.1.20", "192.168.1.20", 56);
        p.sent(0);
        p.error("172.17.0.1", 1, "Time to live exceeded");
        assertEquals(1, p.finish());
        assertEquals("""
                PING 192.168.1.20 (192.168.1.20) 56(84) bytes of data.
                From 172.17.0.1 icmp_seq=1 Time to live exceeded

                --- 192.168.1.20 ping statistics ---
                1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms

                """, p.text());
    }

    @Test
    void iputilsTotalLossHasNoRttLine() {
        PingOutput p = new PingOutput(PingOutput.Style.IPUTILS, "172.19.0.2", "172.19.0.2", 56);
        p.sent(0);
        assertEquals(1, p.finish());
        assertEquals("""
                PING 172.19.0.2 (172.19.0.2) 56(84) bytes of data.

                --- 172.19.0.2 ping statistics ---
                1 packets transmitted, 0 received, 100% packet loss, time 0ms

                """, p.text());
    }

    @Test
    void busyboxStyleStartsAtSeqZeroAndPrintsRoundTrip() {
        PingOutput p = new PingOutput(PingOutput.Style.BUSYBOX, "172.17.0.3", "172.17.0.3", 56);
        p.sent(0);
        p.reply(64, "172.17.0.3", 0, 64, 86_000);
        p.sent(1_000_000_000);
        p.reply(64, "172.17.0.3", 1, 64, 98_000);
        assertEquals(0, p.finish());
        assertEquals("""
                PING 172.17.0.3 (172.17.0.3): 56 data bytes
                64 bytes from 172.17.0.3: seq=0 ttl=64 time=0.086 ms
                64 bytes from 172.17.0.3: seq=1 ttl=64 time=0.098 ms

                --- 172.17.0.3 ping statistics ---
                2 packets transmitted, 2 packets received, 0% packet loss
                round-trip min/avg/max = 0.086/0.092/0.098 ms
                """, p.text());
    }

    @Test
    void iputilsKeepsThreeSignificantDigits() {
        assertEquals("0.140", PingOutput.iputilsTime(140_000));
        assertEquals("1.23", PingOutput.iputilsTime(1_234_000));
        assertEquals("31.6", PingOutput.iputilsTime(31_600_000));
        assertEquals("105", PingOutput.iputilsTime(105_000_000));
    }
}
