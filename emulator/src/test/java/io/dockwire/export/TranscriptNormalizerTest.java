package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the real-Docker tier treats as the same on both sides, and what it keeps. */
class TranscriptNormalizerTest {
    @Test
    void randomIdsNamesMacsAndTimesBecomeAliasesInOrderOfAppearance() {
        TranscriptNormalizer a = new TranscriptNormalizer();
        TranscriptNormalizer b = new TranscriptNormalizer();
        String left = "87b341d690d7a28a6f9b6dae6f4c57a82ac2ce17a5794a3ba534a6a6b7fd0b63\n";
        String right = "5a70f3028b92797fb6df94c39ba5267657af928f22bc6640ae3aed53e51dd415\n";
        assertEquals(a.next(left), b.next(right));
        assertEquals(a.next("87b341d690d7   busybox   \"sh\"   Less than a second ago   Up 2 seconds   upbeat_bose\n"),
                b.next("5a70f3028b92   busybox   \"sh\"   3 seconds ago   Up Less than a second   quirky_robinson\n"));
        assertEquals(a.next("link/ether 02:42:d1:52:98:10 brd ff:ff:ff:ff:ff:ff\n\"Pid\": 8739\n\"Created\": \"2024-06-01T00:00:01.3Z\"\n"),
                b.next("link/ether 02:42:6f:5a:23:2e brd ff:ff:ff:ff:ff:ff\n\"Pid\": 16608\n\"Created\": \"2026-12-07T20:58:09.174672447Z\"\n"));
        assertEquals(a.next("64 bytes from 172.17.0.3: seq=0 ttl=64 time=0.079 ms\nround-trip min/avg/max = 0.079/0.079/0.079 ms\n"),
                b.next("64 bytes from 172.17.0.3: seq=0 ttl=64 time=1.2 ms\nround-trip min/avg/max = 1.2/1.2/1.2 ms\n"));
        // What is not random stays: another address is a difference.
        assertEquals(false, a.next("64 bytes from 172.17.0.3\n").equals(b.next("64 bytes from 172.17.0.4\n")));
    }

    @Test
    void curlsProgressMeterAndPolicyCountersAreSetAside() {
        TranscriptNormalizer a = new TranscriptNormalizer();
        String real = "</html>\n  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
                + "                                 Dload  Upload   Total   Spent    Left  Speed\n"
                + "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100   615  100   615"
                + "    0     0   457k      0 --:--:-- --:--:-- --:--:--  600k\n";
        assertEquals("</html>\n", a.next(real));
        assertEquals("Chain OUTPUT (policy ACCEPT)\n", a.next("Chain OUTPUT (policy ACCEPT 4 packets, 240 bytes)\n"));
    }

    @Test
    void networkInspectContainersAreComparedAsASet() {
        String one = """
                        "Containers": {
                            "bbb": {
                                "Name": "web1",
                                "IPv4Address": "172.17.0.2/16"
                            },
                            "aaa": {
                                "Name": "web3",
                                "IPv4Address": "172.17.0.4/16"
                            }
                        },
                """;
        String other = """
                        "Containers": {
                            "aaa": {
                                "Name": "web3",
                                "IPv4Address": "172.17.0.4/16"
                            },
                            "bbb": {
                                "Name": "web1",
                                "IPv4Address": "172.17.0.2/16"
                            }
                        },
                """;
        assertEquals(NetworkInspect.containersSorted(one), NetworkInspect.containersSorted(other));
        assertEquals(one, NetworkInspect.containersSorted(one));
    }
}
