package io.dockwire.tcp;

import io.dockwire.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ss -tan} text: State, Recv-Q, Send-Q, Local Address:Port, Peer Address:Port. Columns
 * are padded to their widest cell like ss does; addresses are right-aligned against the colon,
 * ports left-aligned; trailing blanks (the empty Process column) are dropped. Recv-Q is always
 * 0 (applications take data as it arrives); for a listener Send-Q is the backlog, as in Linux.
 * Cold path.
 */
final class SsFormat {
    private SsFormat() {
    }

    static String render(List<TcpListener> listeners, List<TcpConnection> connections, long now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"State", "Recv-Q", "Send-Q", "Local Address", "Port", "Peer Address", "Port"});
        for (TcpListener l : listeners) {
            rows.add(new String[] {"LISTEN", "0", Integer.toString(l.backlog), Ipv4Address.toString(l.addr),
                Integer.toString(l.port), "0.0.0.0", "*"});
        }
        for (TcpConnection c : connections) {
            rows.add(new String[] {c.state().ssName(), "0", Integer.toString(c.sendQueue()),
                Ipv4Address.toString(c.localAddr), Integer.toString(c.localPort), Ipv4Address.toString(c.remoteAddr),
                Integer.toString(c.remotePort)});
        }
        int[] w = new int[7];
        for (String[] r : rows) {
            for (int i = 0; i < 7; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            line.append(pad(r[0], w[0])).append(' ').append(pad(r[1], w[1])).append(' ').append(pad(r[2], w[2]))
                    .append(' ').append(" ".repeat(w[3] - r[3].length())).append(r[3]).append(':')
                    .append(pad(r[4], w[4])).append(' ').append(" ".repeat(w[5] - r[5].length())).append(r[5])
                    .append(':').append(r[6]);
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }
}
