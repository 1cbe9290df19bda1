/* flood: sends 64-byte UDP frames from an AF_PACKET socket, batches of 64 with sendmmsg, for
 * SECONDS; prints frames sent. usage: flood IFNAME DSTMAC SRCIP DSTIP SPORT DPORT SECONDS
 *
 * Each frame goes with a virtio_net_hdr asking for checksum offload (PACKET_VNET_HDR,
 * VIRTIO_NET_HDR_F_NEEDS_CSUM), so the kernel takes it as CHECKSUM_PARTIAL, as it takes a
 * datagram a container's UDP socket sends over its veth: receivers on the host then skip the UDP
 * checksum (skb_csum_unnecessary), exactly as dockwire's bench frames are treated. The frame still
 * carries its full, valid checksum. FLOOD_NO_VNET=1 sends plain frames (CHECKSUM_NONE). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <linux/virtio_net.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static unsigned short csum(const unsigned char *p, int n, unsigned long s) {
    for (int i = 0; i + 1 < n; i += 2) s += (p[i] << 8) | p[i + 1];
    if (n & 1) s += p[n - 1] << 8;
    while (s >> 16) s = (s & 0xffff) + (s >> 16);
    return (unsigned short)~s;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: flood IFNAME DSTMAC SRCIP DSTIP SPORT DPORT SECONDS\n");
        return 2;
    }
    int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_IP));
    if (fd < 0) { perror("socket"); return 1; }
    int vnet = getenv("FLOOD_NO_VNET") == NULL;
    if (vnet && setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &vnet, sizeof vnet) < 0) {
        perror("PACKET_VNET_HDR");
        return 1;
    }
    struct virtio_net_hdr vh;
    memset(&vh, 0, sizeof vh);
    vh.flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
    vh.gso_type = VIRTIO_NET_HDR_GSO_NONE;
    vh.csum_start = 14 + 20; /* the UDP header */
    vh.csum_offset = 6;      /* its checksum field */
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strncpy(ifr.ifr_name, argv[1], IFNAMSIZ - 1);
    if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) { perror("SIOCGIFHWADDR"); return 1; }
    unsigned char f[64];
    memset(f, 0, sizeof f);
    unsigned int m[6];
    sscanf(argv[2], "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]);
    for (int i = 0; i < 6; i++) f[i] = (unsigned char)m[i];
    memcpy(f + 6, ifr.ifr_hwaddr.sa_data, 6);
    f[12] = 0x08; f[13] = 0x00;
    unsigned char *ip = f + 14;
    ip[0] = 0x45; ip[3] = 50; ip[6] = 0x40; ip[8] = 64; ip[9] = 17;
    struct in_addr s, d;
    inet_pton(AF_INET, argv[3], &s);
    inet_pton(AF_INET, argv[4], &d);
    memcpy(ip + 12, &s, 4);
    memcpy(ip + 16, &d, 4);
    unsigned short c = csum(ip, 20, 0);
    ip[10] = c >> 8; ip[11] = c & 0xff;
    unsigned char *u = ip + 20;
    int sp = atoi(argv[5]), dp = atoi(argv[6]);
    u[0] = sp >> 8; u[1] = sp; u[2] = dp >> 8; u[3] = dp; u[5] = 30;
    unsigned long ps = ((ip[12] << 8) | ip[13]) + ((ip[14] << 8) | ip[15]) + ((ip[16] << 8) | ip[17])
            + ((ip[18] << 8) | ip[19]) + 17 + 30;
    c = csum(u, 30, ps);
    if (c == 0) c = 0xffff;
    u[6] = c >> 8; u[7] = c & 0xff;

    struct sockaddr_ll sll;
    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_ifindex = if_nametoindex(argv[1]);
    sll.sll_halen = 6;
    memcpy(sll.sll_addr, f, 6);
    enum { B = 64 };
    struct mmsghdr msgs[B];
    struct iovec iov[B][2];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < B; i++) {
        int k = 0;
        if (vnet) {
            iov[i][k].iov_base = &vh;
            iov[i][k++].iov_len = sizeof vh;
        }
        iov[i][k].iov_base = f;
        iov[i][k++].iov_len = sizeof f;
        msgs[i].msg_hdr.msg_iov = iov[i];
        msgs[i].msg_hdr.msg_iovlen = k;
        msgs[i].msg_hdr.msg_name = &sll;
        msgs[i].msg_hdr.msg_namelen = sizeof sll;
    }
    double secs = atof(argv[7]);
    double t0 = now(), end = t0 + secs;
    long sent = 0;
    while (now() < end) {
        int n = sendmmsg(fd, msgs, B, 0);
        if (n < 0) { perror("sendmmsg"); return 1; }
        sent += n;
    }
    printf("%ld %.6f\n", sent, now() - t0);
    return 0;
}
