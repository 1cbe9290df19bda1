package io.dockwire.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One classic pcap file per interface, {@code <dir>/<name>.pcap}, with ':' and '/' in the name
 * replaced by '_' ({@code c1:eth0} becomes {@code c1_eth0.pcap}); should two names map to the
 * same file, the later one gets {@code -<id>} appended. For tools that read only pcap.
 */
public final class PcapDirectorySink implements CaptureSink {
    public static final int DEFAULT_BUFFER_BYTES = 64 * 1024;

    private final Path dir;
    private final int snaplen;
    private final int bufferBytes;
    private final List<PcapWriter> writers = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final Set<String> used = new HashSet<>();

    public PcapDirectorySink(Path dir) {
        this(dir, PcapngWriter.DEFAULT_SNAPLEN, DEFAULT_BUFFER_BYTES);
    }

    public PcapDirectorySink(Path dir, int snaplen, int bufferBytes) {
        this.dir = dir;
        this.snaplen = snaplen;
        this.bufferBytes = bufferBytes;
    }

    /** The file name a given interface name maps to (before collision handling). */
    public static String fileNameFor(String ifName) {
        return ifName.replace(':', '_').replace('/', '_') + ".pcap";
    }

    /** The files written so far, indexed by interface id. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    @Override
    public int addInterface(CaptureInterface iface) {
        int id = writers.size();
        String name = fileNameFor(iface.name());
        if (!used.add(name)) {
            name = name.substring(0, name.length() - ".pcap".length()) + "-" + id + ".pcap";
            used.add(name);
        }
        Path file = dir.resolve(name);
        try {
            if (id == 0) {
                Files.createDirectories(dir);
            }
            writers.add(PcapWriter.open(file, snaplen, bufferBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        files.add(file);
        return id;
    }

    @Override
    public void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int len, String comment) {
        frame(ifId, timeNs, direction, buf, off, len, len, comment);
    }

    @Override
    public void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int capturedLen,
                      int originalLen, String comment) {
        if (ifId < 0 || ifId >= writers.size()) {
            throw new IllegalArgumentException("unknown interface id " + ifId + ", " + writers.size() + " declared");
        }
        writers.get(ifId).record(timeNs, buf, off, capturedLen, originalLen);
    }

    @Override
    public void flush() {
        for (int i = 0; i < writers.size(); i++) {
            writers.get(i).flush();
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (int i = 0; i < writers.size(); i++) {
            try {
                writers.get(i).close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
