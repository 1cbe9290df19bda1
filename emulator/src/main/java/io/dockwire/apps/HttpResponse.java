package io.dockwire.apps;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.x response being read off a connection: status line and header block as received
 * (CRLFs kept), then the body by Content-Length, or to EOF when there is none (HTTP/1.0 style).
 * Chunked bodies are not emulated (the servers here never send them).
 */
final class HttpResponse {
    private final boolean head;
    private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    private int headerEnd = -1;
    private String headerText;
    private int status;
    private long contentLength = -1;

    HttpResponse(boolean head) {
        this.head = head;
    }

    void append(byte[] b, int off, int len) {
        buf.write(b, off, len);
        if (headerEnd < 0) {
            byte[] all = buf.toByteArray();
            for (int i = 0; i + 3 < all.length; i++) {
                if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
                    headerEnd = i + 4;
                    headerText = new String(all, 0, headerEnd, StandardCharsets.ISO_8859_1);
                    parseHeaders();
                    break;
                }
            }
        }
    }

    private void parseHeaders() {
        String[] lines = headerText.split("\r\n");
        String[] sl = lines[0].split(" ");
        try {
            status = sl.length > 1 ? Integer.parseInt(sl[1]) : 0;
        } catch (NumberFormatException e) {
            status = 0;
        }
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0 && lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                contentLength = Long.parseLong(lines[i].substring(c + 1).trim());
            }
        }
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    String header(String name) {
        if (headerText == null) {
            return null;
        }
        for (String line : headerText.split("\r\n")) {
            int c = line.indexOf(':');
            if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase(name)) {
                return line.substring(c + 1).trim();
            }
        }
        return null;
    }

    boolean hasHeaders() {
        return headerEnd >= 0;
    }

    /** Complete without waiting for EOF (HEAD, or the Content-Length bytes are in). */
    boolean complete() {
        return headerEnd >= 0 && (head || (contentLength >= 0 && buf.size() - headerEnd >= contentLength));
    }

    boolean receivedAnything() {
        return buf.size() > 0;
    }

    int status() {
        return status;
    }

    String statusLine() {
        return headerText.substring(0, headerText.indexOf("\r\n"));
    }

    String headerText() {
        return headerText;
    }

    String body() {
        if (headerEnd < 0) {
            return "";
        }
        byte[] all = buf.toByteArray();
        int len = all.length - headerEnd;
        if (contentLength >= 0) {
            len = (int) Math.min(len, contentLength);
        }
        return new String(all, headerEnd, len, StandardCharsets.ISO_8859_1);
    }

    long bytesReceived() {
        return headerEnd < 0 ? 0 : buf.size() - headerEnd;
    }

    long contentLength() {
        return contentLength;
    }
}
