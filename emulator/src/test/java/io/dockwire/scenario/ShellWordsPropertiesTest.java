package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class ShellWordsPropertiesTest {
    /** sh's way to quote any word: single quotes, with ' written as '\''. */
    private static String singleQuote(String w) {
        return "'" + w.replace("'", "'\\''") + "'";
    }

    /** Double quotes with \ " $ ` escaped. */
    private static String doubleQuote(String w) {
        return "\"" + w.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + "\"";
    }

    @Property
    void anyWordsSurviveSingleQuoting(@ForAll @Size(max = 6) List<@StringLength(max = 12) String> words) {
        List<String> quoted = new ArrayList<>();
        words.forEach(w -> quoted.add(singleQuote(w)));
        String line = String.join(" ", quoted);
        assertEquals(ShellWords.State.COMPLETE, ShellWords.scan(line));
        assertEquals(words, ShellWords.split(line));
    }

    @Property
    void anyWordsSurviveDoubleQuoting(@ForAll @Size(max = 6) List<@StringLength(max = 12) String> words) {
        List<String> quoted = new ArrayList<>();
        words.forEach(w -> quoted.add(doubleQuote(w)));
        String line = String.join("  ", quoted);
        assertEquals(ShellWords.State.COMPLETE, ShellWords.scan(line));
        assertEquals(words, ShellWords.split(line));
    }

    @Property
    void parserLineNumbersPointAtTheFirstPhysicalLine(@ForAll @Size(min = 1, max = 8) List<@AlphaChars @StringLength(min = 1, max = 5) String> names) {
        StringBuilder text = new StringBuilder();
        List<Integer> expected = new ArrayList<>();
        int line = 1;
        for (String n : names) {
            text.append("\n# comment\n");
            line += 2;
            expected.add(line);
            text.append("echo ").append(singleQuote(n)).append(" \\\n  more");
            line += 1;
        }
        List<ScenarioLine> parsed = ScenarioParser.parse("p.dw", text.toString());
        List<Integer> got = new ArrayList<>();
        parsed.forEach(l -> got.add(l.lineNumber()));
        assertEquals(expected, got);
        for (int i = 0; i < names.size(); i++) {
            assertEquals(List.of("echo", names.get(i), "more"), parsed.get(i).argv());
        }
    }
}
