package io.dockwire.trace;

/**
 * Hands every call to two sinks (one pcapng for Wireshark, per-interface pcap files for tools
 * that read only pcap). Both number interfaces in declaration order, so ids agree.
 */
public final class TeeSink implements CaptureSink {
    private final CaptureSink a;
    private final CaptureSink b;

    public TeeSink(CaptureSink a, CaptureSink b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public int addInterface(CaptureInterface iface) {
        int id = a.addInterface(iface);
        if (b.addInterface(iface) != id) {
            throw new IllegalStateException("tee'd sinks disagree on interface ids, name=" + iface.name());
        }
        return id;
    }

    @Override
    public void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int len, String comment) {
        a.frame(ifId, timeNs, direction, buf, off, len, comment);
        b.frame(ifId, timeNs, direction, buf, off, len, comment);
    }

    @Override
    public void flush() {
        a.flush();
        b.flush();
    }

    @Override
    public void close() {
        try {
            a.close();
        } finally {
            b.close();
        }
    }
}
