package io.dockwire.tcp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TCP MIB counters Linux exposes through {@code nstat} (RFC 4022 names, prefix Tcp). Where
 * Linux counts them, as far as modelled:
 * <ul>
 *   <li>InSegs: every segment handed to TCP, bad ones included (tcp_v4_rcv "count it even if
 *       it's bad").</li>
 *   <li>InErrs: malformed header or bad checksum; InCsumErrors: bad checksum.</li>
 *   <li>OutSegs: segments sent that are not retransmissions, RSTs included
 *       (__tcp_transmit_skb, tcp_v4_send_reset); RetransSegs: retransmissions (SYN, SYN-ACK,
 *       data, FIN).</li>
 *   <li>ActiveOpens: CLOSED -> SYN-SENT; PassiveOpens: a child socket created by the final ACK;
 *       AttemptFails: SYN-SENT or SYN-RECV -> CLOSED; EstabResets: ESTABLISHED or CLOSE-WAIT ->
 *       CLOSED by a reset sent or received; OutRsts: RSTs sent.</li>
 * </ul>
 */
public final class TcpCounters {
    long activeOpens;
    long passiveOpens;
    long attemptFails;
    long estabResets;
    long inSegs;
    long outSegs;
    long retransSegs;
    long inErrs;
    long outRsts;
    long inCsumErrors;

    public long activeOpens() {
        return activeOpens;
    }

    public long passiveOpens() {
        return passiveOpens;
    }

    public long attemptFails() {
        return attemptFails;
    }

    public long estabResets() {
        return estabResets;
    }

    public long inSegs() {
        return inSegs;
    }

    public long outSegs() {
        return outSegs;
    }

    public long retransSegs() {
        return retransSegs;
    }

    public long inErrs() {
        return inErrs;
    }

    public long outRsts() {
        return outRsts;
    }

    public long inCsumErrors() {
        return inCsumErrors;
    }

    /** All counters in nstat order with their nstat names, zeros included. Cold path. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("TcpActiveOpens", activeOpens);
        m.put("TcpPassiveOpens", passiveOpens);
        m.put("TcpAttemptFails", attemptFails);
        m.put("TcpEstabResets", estabResets);
        m.put("TcpInSegs", inSegs);
        m.put("TcpOutSegs", outSegs);
        m.put("TcpRetransSegs", retransSegs);
        m.put("TcpInErrs", inErrs);
        m.put("TcpOutRsts", outRsts);
        m.put("TcpInCsumErrors", inCsumErrors);
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        return sb.toString();
    }
}
