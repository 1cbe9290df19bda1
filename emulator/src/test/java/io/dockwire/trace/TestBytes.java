package io.dockwire.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for building expected byte layouts and collecting writer output in memory. */
final class TestBytes {
    private TestBytes() {
    }

    /** Concatenates parts: a String is hex (whitespace ignored), a byte[] is taken as is. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof byte[]) {
                out.writeBytes((byte[]) part);
            } else {
                String hex = ((String) part).replaceAll("\\s+", "");
                for (int i = 0; i < hex.length(); i += 2) {
                    out.write(Integer.parseInt(hex.substring(i, i + 2), 16));
                }
            }
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A channel that keeps everything written to it, heap or direct buffers alike. */
    static final class MemoryChannel implements WritableByteChannel {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final List<Integer> writeSizes = new ArrayList<>();
        private volatile boolean open = true;

        @Override
        public synchronized int write(ByteBuffer src) {
            int n = src.remaining();
            byte[] b = new byte[n];
            src.get(b);
            out.writeBytes(b);
            writeSizes.add(n);
            return n;
        }

        /** The byte count of each write call, in order. */
        synchronized List<Integer> writeSizes() {
            return List.copyOf(writeSizes);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        synchronized byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A channel that discards everything, for allocation measurements. */
    static final class NullChannel implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** Forwards writes to {@code inner} after a hook that may stall or fail (a slow or full disk). */
    static final class HookedChannel implements WritableByteChannel {
        interface Hook {
            /** @param n the number of this write, from 1 */
            void beforeWrite(int n) throws IOException;
        }

        private final WritableByteChannel inner;
        private final Hook hook;
        private int writes;
        private volatile boolean open = true;

        HookedChannel(WritableByteChannel inner, Hook hook) {
            this.inner = inner;
            this.hook = hook;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            hook.beforeWrite(++writes);
            return inner.write(src);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            inner.close();
        }
    }
}
