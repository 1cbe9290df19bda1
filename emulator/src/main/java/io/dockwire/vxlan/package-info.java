/**
 * VXLAN (RFC 7348) as Linux's vxlan driver does it: a device that carries its Ethernet frames
 * in UDP to a remote tunnel endpoint chosen by its own forwarding table, answers ARP from the
 * neighbour table when it proxies, and learns where senders live. Beside {@code l2} and
 * {@code ip}: it uses a UDP socket of the namespace it was created in, and the kernel registers
 * it as the {@code vxlan} link kind of {@code ip link add}.
 */
package io.dockwire.vxlan;
