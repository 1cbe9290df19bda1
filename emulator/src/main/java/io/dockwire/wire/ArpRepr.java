package io.dockwire.wire;

/** Parsed Ethernet/IPv4 ARP packet. MACs as 48-bit longs, addresses as ints. */
public record ArpRepr(int operation, long senderMac, int senderIp, long targetMac, int targetIp) {

    /** A request as Linux sends it: target MAC all zeros (RFC 826 leaves it unspecified). */
    public static ArpRepr request(long senderMac, int senderIp, int targetIp) {
        return new ArpRepr(ArpView.OP_REQUEST, senderMac, senderIp, 0L, targetIp);
    }

    public static ArpRepr reply(long senderMac, int senderIp, long targetMac, int targetIp) {
        return new ArpRepr(ArpView.OP_REPLY, senderMac, senderIp, targetMac, targetIp);
    }

    /** Gratuitous request announcing {@code ip} at {@code mac} (what Linux sends on address add). */
    public static ArpRepr gratuitous(long mac, int ip) {
        return new ArpRepr(ArpView.OP_REQUEST, mac, ip, 0L, ip);
    }

    /** Null when {@link ArpView#check()} is not OK. */
    public static ArpRepr parse(ArpView view) {
        if (view.check() != DropReason.OK) {
            return null;
        }
        return new ArpRepr(view.operation(), view.senderMac(), view.senderIp(), view.targetMac(), view.targetIp());
    }

    public boolean isGratuitous() {
        return senderIp == targetIp;
    }

    public int bufferLength() {
        return ArpView.LENGTH;
    }

    public void emit(ArpView view) {
        view.htype(ArpView.HTYPE_ETHERNET).ptype(EthernetFrame.ETHERTYPE_IPV4).hlen(6).plen(4)
                .operation(operation).senderMac(senderMac).senderIp(senderIp).targetMac(targetMac).targetIp(targetIp);
    }
}
