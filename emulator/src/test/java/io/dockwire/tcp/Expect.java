package io.dockwire.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Line-list assertions that print the actual lines as Java literals on mismatch. */
final class Expect {
    private Expect() {
    }

    static void lines(List<String> expected, List<String> actual) {
        if (!expected.equals(actual)) {
            StringBuilder sb = new StringBuilder("actual lines:\n");
            for (String l : actual) {
                sb.append("                \"").append(l.replace("\"", "\\\"")).append("\",\n");
            }
            System.out.println(sb);
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }
}
