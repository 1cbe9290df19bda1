package io.dockwire.testing;

import io.dockwire.trace.CaptureInterface;
import io.dockwire.trace.CaptureSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A CaptureSink fake that keeps every call, and a running hash of them for determinism checks. */
public final class RecordingSink implements CaptureSink {
    public record Frame(int ifId, long timeNs, int direction, byte[] bytes) {
    }

    public final List<CaptureInterface> interfaces = new ArrayList<>();
    public final List<Frame> frames = new ArrayList<>();
    private long hash = 1125899906842597L;

    @Override
    public int addInterface(CaptureInterface iface) {
        interfaces.add(iface);
        mix(iface.name().hashCode());
        mix(iface.mac());
        return interfaces.size() - 1;
    }

    @Override
    public void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int len, String comment) {
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        frames.add(new Frame(ifId, timeNs, direction, copy));
        mix(ifId);
        mix(timeNs);
        mix(direction);
        mix(Arrays.hashCode(copy));
    }

    private void mix(long v) {
        hash = (hash ^ v) * 0x100000001B3L;
        hash ^= hash >>> 29;
    }

    public long hash() {
        return hash;
    }

    /** Frames captured on the interface registered under {@code name}. */
    public List<Frame> on(String name) {
        List<Frame> out = new ArrayList<>();
        for (Frame f : frames) {
            if (interfaces.get(f.ifId()).name().equals(name)) {
                out.add(f);
            }
        }
        return out;
    }

    /** tcpdump-style one-line summaries of the frames on {@code name}, in capture order. */
    public List<String> summaries(String name) {
        List<String> out = new ArrayList<>();
        for (Frame f : on(name)) {
            out.add(io.dockwire.wire.FrameSummary.describe(f.bytes()));
        }
        return out;
    }

    public String nameOf(int ifId) {
        return interfaces.get(ifId).name();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
