package io.dockwire.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code docker network inspect} output with each network's {@code Containers} and {@code Peers} entries in one order. */
final class NetworkInspect {
    private NetworkInspect() {
    }

    /**
     * The entries of every {@code "Containers": {...}} object sorted by their {@code "Name"} (Go
     * writes a map sorted by key, the container ids, which the real side draws at random); the
     * last entry's closing brace loses its comma, the others get one. An overlay's {@code "Peers"}
     * likewise, by their {@code "IP"}: each node lists them in the order its gossip learnt them.
     */
    static String containersSorted(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.length) {
            String l = lines[i];
            out.append(l).append(i < lines.length - 1 ? "\n" : "");
            i++;
            boolean peers = l.endsWith("\"Peers\": [");
            if (!l.endsWith("\"Containers\": {") && !peers) {
                continue;
            }
            String indent = l.substring(0, l.indexOf('"')) + "    ";
            String key = peers ? "\"IP\": " : "\"Name\": ";
            List<List<String>> entries = new ArrayList<>();
            while (i < lines.length && lines[i].startsWith(indent + (peers ? "{" : "\""))) {
                List<String> e = new ArrayList<>();
                while (i < lines.length) {
                    e.add(lines[i]);
                    boolean end = lines[i].equals(indent + "}") || lines[i].equals(indent + "},");
                    i++;
                    if (end) {
                        break;
                    }
                }
                entries.add(e);
            }
            entries.sort(Comparator.comparing(e -> field(e, key)));
            for (int k = 0; k < entries.size(); k++) {
                List<String> e = entries.get(k);
                e.set(e.size() - 1, indent + (k < entries.size() - 1 ? "}," : "}"));
                for (String x : e) {
                    out.append(x).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String field(List<String> entry, String key) {
        for (String l : entry) {
            String t = l.strip();
            if (t.startsWith(key)) {
                return t;
            }
        }
        return "";
    }
}
