/* sink: counts UDP datagrams on PORT with recvmmsg; waits for the first one, stops after IDLE
 * seconds without traffic; prints "count seconds" (first to last datagram). usage: sink PORT [IDLE] */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: sink PORT [IDLE]\n"); return 2; }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int rb = 64 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rb, sizeof rb);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(atoi(argv[1]));
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); return 1; }
    double idle = argc > 2 ? atof(argv[2]) : 1.0;
    struct timeval tv = { (long)idle, (long)((idle - (long)idle) * 1e6) };
    enum { B = 256 };
    static unsigned char bufs[B][128];
    struct mmsghdr msgs[B];
    struct iovec iov[B];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < B; i++) {
        iov[i].iov_base = bufs[i];
        iov[i].iov_len = sizeof bufs[i];
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    printf("ready\n");
    fflush(stdout);
    long count = 0;
    double first = 0, last = 0;
    int n = recvmmsg(fd, msgs, B, 0, NULL); /* blocks until the first datagram */
    if (n < 0) { perror("recvmmsg"); return 1; }
    first = last = now();
    count = n;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while ((n = recvmmsg(fd, msgs, B, MSG_WAITFORONE, NULL)) > 0) {
        count += n;
        last = now();
    }
    printf("%ld %.6f\n", count, last - first);
    return 0;
}
