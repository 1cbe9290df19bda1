package io.dockwire.docker.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns as the docker CLI aligns them: Go's text/tabwriter with minwidth 10, padding 3 and
 * space padding (tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)). Every column but the last is as
 * wide as its widest cell plus 3, at least 10; the last is not padded. Width counts characters
 * (runes), so "…" is one.
 */
final class Table {
    private final List<List<String>> rows = new ArrayList<>();

    Table row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    Table row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    String render() {
        int cols = rows.get(0).size();
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int i = 0; i < cols - 1; i++) {
                width[i] = Math.max(width[i], Math.max(10, r.get(i).codePointCount(0, r.get(i).length()) + 3));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            for (int i = 0; i < cols; i++) {
                String cell = r.get(i);
                sb.append(cell);
                if (i < cols - 1) {
                    sb.append(" ".repeat(width[i] - cell.codePointCount(0, cell.length())));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
