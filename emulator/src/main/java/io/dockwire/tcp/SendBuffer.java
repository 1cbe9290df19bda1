package io.dockwire.tcp;

/**
 * Bytes the application wrote and the peer has not acknowledged yet: a ring whose first byte
 * has sequence number snd_una. Grows by doubling when a write does not fit (Linux would block
 * the writer at sk_sndbuf; simulated applications write whole bodies at once), so steady
 * traffic reuses one array.
 */
final class SendBuffer {
    private byte[] data;
    private int head;
    private int size;

    SendBuffer(int capacity) {
        data = new byte[capacity];
    }

    int size() {
        return size;
    }

    void append(byte[] src, int off, int len) {
        if (size + len > data.length) {
            grow(size + len);
        }
        int tail = (head + size) % data.length;
        int first = Math.min(len, data.length - tail);
        System.arraycopy(src, off, data, tail, first);
        System.arraycopy(src, off + first, data, 0, len - first);
        size += len;
    }

    /** Copies {@code len} bytes starting {@code from} bytes after the head into {@code dst}. */
    void copyOut(int from, byte[] dst, int dstOff, int len) {
        int start = (head + from) % data.length;
        int first = Math.min(len, data.length - start);
        System.arraycopy(data, start, dst, dstOff, first);
        System.arraycopy(data, 0, dst, dstOff + first, len - first);
    }

    /** Drops {@code n} acknowledged bytes from the head. */
    void consume(int n) {
        head = (head + n) % data.length;
        size -= n;
        if (size == 0) {
            head = 0;
        }
    }

    private void grow(int needed) {
        int cap = data.length;
        while (cap < needed) {
            cap *= 2;
        }
        byte[] bigger = new byte[cap];
        copyOut(0, bigger, 0, size);
        data = bigger;
        head = 0;
    }
}
