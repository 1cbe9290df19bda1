package io.dockwire.ip;

/**
 * The nstat counters a namespace keeps, named and ordered as {@code nstat} prints them: the
 * groups of {@code /proc/net/snmp} (Ip, Icmp, Tcp, Udp) first, then {@code /proc/net/netstat}
 * (IpExt), each in the kernel's field order. {@code IpForwarding}, {@code IpDefaultTTL} and the
 * TCP RTO constants are left out, as nstat itself skips them. Truncated datagrams are counted
 * in {@link #IpExtInTruncatedPkts}: that is the real name of the counter (it lives in IpExt).
 * The per-type {@code IcmpMsg} counters are not modelled. The Tcp group is here for the TCP
 * layer to count into with {@link NetNamespace#count}.
 */
public enum Mib {
    IpInReceives, IpInHdrErrors, IpInAddrErrors, IpForwDatagrams, IpInUnknownProtos, IpInDiscards,
    IpInDelivers, IpOutRequests, IpOutDiscards, IpOutNoRoutes, IpReasmTimeout, IpReasmReqds, IpReasmOKs,
    IpReasmFails, IpFragOKs, IpFragFails, IpFragCreates, IpOutTransmits,
    IcmpInMsgs, IcmpInErrors, IcmpInCsumErrors, IcmpInDestUnreachs, IcmpInTimeExcds, IcmpInParmProbs,
    IcmpInSrcQuenchs, IcmpInRedirects, IcmpInEchos, IcmpInEchoReps, IcmpInTimestamps, IcmpInTimestampReps,
    IcmpInAddrMasks, IcmpInAddrMaskReps, IcmpOutMsgs, IcmpOutErrors, IcmpOutRateLimitGlobal,
    IcmpOutRateLimitHost, IcmpOutDestUnreachs, IcmpOutTimeExcds, IcmpOutParmProbs, IcmpOutSrcQuenchs,
    IcmpOutRedirects, IcmpOutEchos, IcmpOutEchoReps, IcmpOutTimestamps, IcmpOutTimestampReps,
    IcmpOutAddrMasks, IcmpOutAddrMaskReps,
    TcpActiveOpens, TcpPassiveOpens, TcpAttemptFails, TcpEstabResets, TcpCurrEstab, TcpInSegs, TcpOutSegs,
    TcpRetransSegs, TcpInErrs, TcpOutRsts, TcpInCsumErrors,
    UdpInDatagrams, UdpNoPorts, UdpInErrors, UdpOutDatagrams, UdpRcvbufErrors, UdpSndbufErrors,
    UdpInCsumErrors, UdpIgnoredMulti, UdpMemErrors,
    IpExtInNoRoutes, IpExtInTruncatedPkts, IpExtInCsumErrors;

    static final Mib[] VALUES = values();
}
