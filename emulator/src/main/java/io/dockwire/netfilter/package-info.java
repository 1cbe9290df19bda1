/**
 * Netfilter of one network namespace: iptables tables/chains/rules (raw, mangle, nat, filter),
 * conntrack with NAT, and the {@code iptables} / {@code iptables-save} / {@code conntrack -L}
 * commands with iptables 1.8.9 (nf_tables) output.
 *
 * <p>The seam with the IP stack: the namespace implements {@link io.dockwire.netfilter.NetfilterHost},
 * owns a {@link io.dockwire.netfilter.Netfilter}, keeps an {@link io.dockwire.netfilter.NfPacket}
 * per packet in flight and calls {@link io.dockwire.netfilter.Netfilter#hook} at each hook. After
 * OUTPUT it re-routes if the destination changed (ip_route_me_harder). The bridge asks
 * {@link io.dockwire.netfilter.Netfilter#bridgeNfCallIptables()} whether to call the hooks for
 * bridged IPv4 frames. Depends only on {@code io.dockwire.wire} (and {@code io.dockwire.command} for
 * the commands' results).
 */
package io.dockwire.netfilter;
