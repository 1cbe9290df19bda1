package io.dockwire.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** BusyBox 1.36's ip output for the state iproute2 renders (Docker's "standalone containers" tutorial, alpine). */
class BusyBoxIpTest {
    @Test
    void addrOfADockerContainerAsAlpinePrintsIt() {
        String iproute2 = """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                27: eth0@if28: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
                    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0
                    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
                       valid_lft forever preferred_lft forever
                """;
        assertEquals("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                27: eth0@if28: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP\s
                    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff
                    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
                       valid_lft forever preferred_lft forever
                """, BusyBoxIp.convert(iproute2));
    }

    @Test
    void linkModeAndRoutesProtoGo() {
        assertEquals("2: vb@va: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN qlen 1000\n",
                BusyBoxIp.convert("2: vb@va: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT "
                        + "group default qlen 1000\n"));
        assertEquals("default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 \n",
                BusyBoxIp.convert("default via 172.17.0.1 dev eth0 \n"
                        + "172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n"));
    }
}
