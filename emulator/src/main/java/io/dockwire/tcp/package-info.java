/**
 * TCP for one network namespace, as Linux 6.x puts it on the wire (RFC 9293, 7323, 2018, 6298,
 * 5681, 5961).
 *
 * <p>Seam to the IP layer: {@link io.dockwire.tcp.TcpHost} (sendIp, isLocalAddress,
 * sourceAddressFor, ephemeral port range, simulator, random source); received packets enter
 * through {@link io.dockwire.tcp.TcpStack#input}. Sockets: {@link io.dockwire.tcp.TcpStack#listen}
 * with an {@link io.dockwire.tcp.AcceptHandler}, {@link io.dockwire.tcp.TcpStack#connect}, and on
 * a {@link io.dockwire.tcp.TcpConnection} send / shutdownOutput / close / abort; the application
 * hears back through {@link io.dockwire.tcp.TcpCallbacks} (connected, data, eof, error with an
 * {@link io.dockwire.tcp.Errno}). Counters carry nstat names ({@link io.dockwire.tcp.TcpCounters});
 * {@link io.dockwire.tcp.TcpStack#ss} renders {@code ss -tan}.
 *
 * <p>Not modelled (see {@link io.dockwire.tcp.TcpStack}): SYN cookies, simultaneous open, PAWS,
 * D-SACK, TLP/RACK, SACK-based retransmission, zero-window probes, window growth/autotuning,
 * FIN-WAIT-2 orphan timeout, TIME-WAIT reuse by a new SYN, ICMP errors to sockets.
 */
package io.dockwire.tcp;
