package io.dockwire.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ping as an application in the Docker world: exact text, exit codes, timing and frames. */
class PingAppTest {
    private final World w = new World(1);

    @Test
    void iputilsPingBetweenContainersPrintsRepliesAndStatistics() {
        AppProcess p = w.run("c1", AppEnv.gnu(), "ping -c 2 -i 0.2 172.17.0.3");
        assertEquals("""
                PING 172.17.0.3 (172.17.0.3) 56(84) bytes of data.
                64 bytes from 172.17.0.3: icmp_seq=1 ttl=64 time=0.016 ms
                64 bytes from 172.17.0.3: icmp_seq=2 ttl=64 time=0.008 ms

                --- 172.17.0.3 ping statistics ---
                2 packets transmitted, 2 received, 0% packet loss, time 200ms
                rtt min/avg/max/mdev = 0.008/0.012/0.016/0.004 ms
                """, p.stdout());
        assertEquals("", p.stderr());
        assertEquals(0, p.exitCode());
        // Ends as soon as the last reply is in, not after a linger.
        assertEquals(200_008_000L, w.now());
        List<String> frames = w.sink.summaries("c1:eth0");
        assertEquals("IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 17392, seq 1, length 64", frames.get(2));
        assertEquals("IP 172.17.0.3 > 172.17.0.2: ICMP echo reply, id 17392, seq 2, length 64", frames.get(5));
    }

    @Test
    void iputilsPayloadIsATimevalThenAnIncreasingPattern() {
        w.run("c1", AppEnv.gnu(), "ping -c 1 172.17.0.3");
        byte[] req = w.sink.on("c1:eth0").get(2).bytes();
        int payload = 14 + 20 + 8;
        // tv_sec little-endian = Kernel.EPOCH_SECONDS at simulated time 0 (0x665A6480).
        assertEquals(List.of(0x80, 0x64, 0x5A, 0x66, 0, 0, 0, 0), bytes(req, payload, 8));
        assertEquals(List.of(0x10, 0x11, 0x12), bytes(req, payload + 16, 3));
        assertEquals(0x37, req[payload + 55] & 0xFF);
    }

    @Test
    void busyboxPingStartsAtSeqZeroAndSendsEverySecond() {
        AppProcess p = w.run("c1", AppEnv.busybox(), "ping -c 2 172.17.0.3");
        assertEquals("""
                PING 172.17.0.3 (172.17.0.3): 56 data bytes
                64 bytes from 172.17.0.3: seq=0 ttl=64 time=0.016 ms
                64 bytes from 172.17.0.3: seq=1 ttl=64 time=0.008 ms

                --- 172.17.0.3 ping statistics ---
                2 packets transmitted, 2 packets received, 0% packet loss
                round-trip min/avg/max = 0.008/0.012/0.016 ms
                """, p.stdout());
        assertEquals(0, p.exitCode());
        assertEquals(1_000_008_000L, w.now());
    }

    @Test
    void iputilsTotalLossWaitsForTheLingerTimeAndExitsOne() {
        w.sh(null, "iptables -I FORWARD -p icmp -j DROP");
        AppProcess p = w.run("c1", AppEnv.gnu(), "ping -c 1 -W 1 192.168.1.20");
        assertEquals("""
                PING 192.168.1.20 (192.168.1.20) 56(84) bytes of data.

                --- 192.168.1.20 ping statistics ---
                1 packets transmitted, 0 received, 100% packet loss, time 0ms

                """, p.stdout());
        assertEquals(1, p.exitCode());
        assertEquals(1_000_000_000L, w.now());
    }

    @Test
    void busyboxTotalLossWaitsTenSecondsByDefault() {
        w.sh(null, "iptables -I FORWARD -p icmp -j DROP");
        AppProcess p = w.run("c1", AppEnv.busybox(), "ping -c 1 192.168.1.20");
        assertEquals("""
                PING 192.168.1.20 (192.168.1.20): 56 data bytes

                --- 192.168.1.20 ping statistics ---
                1 packets transmitted, 0 packets received, 100% packet loss
                """, p.stdout());
        assertEquals(1, p.exitCode());
        assertEquals(10_000_000_000L, w.now());
    }

    @Test
    void ttlOneIsAnsweredByTheGatewayWithTimeExceeded() {
        AppProcess p = w.run("c2", AppEnv.gnu(), "ping -c 1 -W 1 -t 1 192.168.1.20");
        assertEquals("""
                PING 192.168.1.20 (192.168.1.20) 56(84) bytes of data.
                From 172.17.0.1 icmp_seq=1 Time to live exceeded

                --- 192.168.1.20 ping statistics ---
                1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms

                """, p.stdout());
        assertEquals(1, p.exitCode());
        List<String> f = w.sink.summaries("c2:eth0");
        assertEquals("IP 172.17.0.1 > 172.17.0.3: ICMP time exceeded in-transit, length 92", f.get(f.size() - 1));
    }

    @Test
    void busyboxIgnoresTimeExceededAndReportsPlainLoss() {
        AppProcess p = w.run("c2", AppEnv.busybox(), "ping -c 1 -W 1 -t 1 192.168.1.20");
        assertEquals("""
                PING 192.168.1.20 (192.168.1.20): 56 data bytes

                --- 192.168.1.20 ping statistics ---
                1 packets transmitted, 0 packets received, 100% packet loss
                """, p.stdout());
        assertEquals(1, p.exitCode());
    }

    @Test
    void arpFailureIsReportedFromOurOwnAddressAfterThreeSeconds() {
        AppProcess p = w.run("c2", AppEnv.gnu(), "ping -c 2 -i 0.2 172.17.0.99");
        assertEquals("""
                PING 172.17.0.99 (172.17.0.99) 56(84) bytes of data.
                From 172.17.0.3 icmp_seq=1 Destination Host Unreachable
                From 172.17.0.3 icmp_seq=2 Destination Host Unreachable

                --- 172.17.0.99 ping statistics ---
                2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 200ms
                pipe 2
                """, p.stdout());
        assertEquals(1, p.exitCode());
        assertEquals(List.of(
                "ARP, Request who-has 172.17.0.99 tell 172.17.0.3, length 28",
                "ARP, Request who-has 172.17.0.99 tell 172.17.0.3, length 28",
                "ARP, Request who-has 172.17.0.99 tell 172.17.0.3, length 28"), w.sink.summaries("c2:eth0"));
    }

    @Test
    void unknownNamesFailInEachToolsOwnWords() {
        AppProcess b = w.run("c1", AppEnv.busybox(), "ping -c 1 alpine2");
        assertEquals("", b.stdout());
        assertEquals("ping: bad address 'alpine2'\n", b.stderr());
        assertEquals(1, b.exitCode());
        AppProcess g = w.run("c1", AppEnv.gnu(), "ping -c 1 alpine2");
        assertEquals("ping: alpine2: Name or service not known\n", g.stderr());
        assertEquals(2, g.exitCode());
    }

    @Test
    void hostsFileNamesResolveWithoutDns() {
        AppEnv env = AppEnv.busybox().withHosts("127.0.0.1\tlocalhost\n172.17.0.3\tweb 0123456789ab\n");
        AppProcess p = w.run("c1", env, "ping -c 1 -q web");
        assertEquals("""
                PING web (172.17.0.3): 56 data bytes

                --- web ping statistics ---
                1 packets transmitted, 1 packets received, 0% packet loss
                round-trip min/avg/max = 0.016/0.016/0.016 ms
                """, p.stdout());
        assertEquals(0, p.exitCode());
    }

    /**
     * iputils names the replier after a name target (getnameinfo finds it in /etc/hosts: the line's
     * first name), as a real 20.10 wordpress container's ping of its --link did; not after an address.
     */
    @Test
    void iputilsNamesTheReplierFromTheHostsFileWhenTheTargetWasAName() {
        AppEnv env = AppEnv.gnu().withHosts("127.0.0.1\tlocalhost\n172.17.0.3\tmysql 0123456789ab wp_mysql\n");
        AppProcess byName = w.run("c1", env, "ping -c 1 wp_mysql");
        assertEquals(true, byName.stdout().contains("64 bytes from mysql (172.17.0.3): icmp_seq=1 ttl=64 time="),
                byName.stdout());
        AppProcess byAddress = w.run("c1", env, "ping -c 1 172.17.0.3");
        assertEquals(true, byAddress.stdout().contains("64 bytes from 172.17.0.3: icmp_seq=1 ttl=64 time="),
                byAddress.stdout());
    }

    @Test
    void pingWithoutCountRunsUntilStoppedThenPrintsStatistics() {
        AppProcess p = w.start("c1", AppEnv.gnu(), "ping 172.17.0.3");
        w.k.sim().runUntil(2_500_000_000L);
        assertEquals(false, p.done());
        p.stop();
        assertEquals(0, p.exitCode());
        assertEquals(true, p.stdout().contains("3 packets transmitted, 3 received, 0% packet loss, time 2000ms\n"));
    }

    @Test
    void deadlineEndsAPingWithoutCountAndUnansweredEchoesMakeNoPipeLine() {
        w.sh(null, "iptables -I FORWARD -p icmp -j DROP");
        AppProcess p = w.run("c1", AppEnv.gnu(), "ping -w 3 192.168.1.20");
        assertEquals(true, p.stdout().endsWith(
                "3 packets transmitted, 0 received, 100% packet loss, time 2000ms\n\n"), p.stdout());
        assertEquals(1, p.exitCode());
        assertEquals(3_000_000_000L, w.now());
    }

    @Test
    void noRouteFailsBeforeTheHeaderInIputilsAndAfterItInBusybox() {
        AppProcess g = w.run("ext", AppEnv.gnu(), "ping -c 1 8.8.8.8");
        assertEquals("", g.stdout());
        assertEquals("ping: connect: Network is unreachable\n", g.stderr());
        assertEquals(2, g.exitCode());
        AppProcess b = w.run("ext", AppEnv.busybox(), "ping -c 1 8.8.8.8");
        assertEquals("PING 8.8.8.8 (8.8.8.8): 56 data bytes\n", b.stdout());
        assertEquals("ping: sendto: Network is unreachable\n", b.stderr());
        assertEquals(1, b.exitCode());
    }

    @Test
    void localhostComesFromTheHostsFileAndAnswersOnLoopback() {
        AppProcess p = w.run("c1", AppEnv.gnu(), "ping -c 1 -s 100 localhost");
        assertEquals(true, p.stdout().startsWith("PING localhost (127.0.0.1) 100(128) bytes of data.\n"
                + "108 bytes from localhost (127.0.0.1): icmp_seq=1 ttl=64 time="), p.stdout()); // as iputils 20221126 here
        assertEquals(0, p.exitCode());
    }

    private static List<Integer> bytes(byte[] b, int off, int n) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b[off + i] & 0xFF);
        }
        return out;
    }
}
