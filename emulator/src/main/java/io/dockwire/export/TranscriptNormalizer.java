package io.dockwire.export;

import io.dockwire.docker.NameGenerator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes two transcripts of one scenario comparable when one side is a real Docker Engine: what a
 * real run makes at random or from the clock is replaced by a placeholder, and what is random but
 * referred to again (ids, MACs, generated names, veth names) by an alias numbered in order of
 * first appearance, so the same object is the same alias on both sides. Applied to the commands'
 * outputs in order (one normaliser per side); what is kept is compared to the letter.
 *
 * <p>Normalised: container, network, endpoint and sandbox ids (64 hex digits, and the 12-digit
 * short form of one seen or to be seen); a swarm's node and network ids (25 base-36 digits, and
 * the 12 of {@code docker network ls}) and join tokens; Debian's {@code +dfsg1} version suffix; MAC addresses; names moby's generator makes; host-side
 * veth names; durations ("Less than a second ago", "Up 3 seconds"); RFC 3339 timestamps; ping's
 * and curl's measured times; curl's progress meter (a terminal has none); chain policy counters
 * (uncounted on newer kernels); {@code "Pid"}; dockerd's data and exec roots; and runs of blanks
 * (table columns are as wide as their widest cell, and a duration's text has its own width).
 */
final class TranscriptNormalizer {
    private static final Pattern LONG_ID = Pattern.compile("\\b[0-9a-f]{64}\\b");
    private static final Pattern SHORT_ID = Pattern.compile("\\b[0-9a-f]{12}\\b");
    /** A swarm's ids (nodes, swarm networks): 25 base-36 digits; {@code docker network ls} shows the first 12. */
    private static final Pattern SWARM_ID = Pattern.compile("\\b[0-9a-z]{25}\\b");
    private static final Pattern SWARM_SHORT_ID = Pattern.compile("(?m)^[0-9a-z]{12}(?= {3})");
    private static final Pattern TOKEN = Pattern.compile("\\bSWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}\\b");
    /** Debian's build of the engine: 20.10.24+dfsg1 where Docker's own says 20.10.24. */
    private static final Pattern DEBIAN = Pattern.compile("(\\b\\d+\\.\\d+\\.\\d+)\\+dfsg\\d+\\b");
    private static final Pattern MAC = Pattern.compile("\\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\\b");
    private static final Pattern VETH = Pattern.compile("\\bveth[0-9a-f]{7}\\b");
    private static final Pattern DURATION = Pattern.compile(
            "\\b(?:Less than a second|About a minute|About an hour|\\d+ (?:seconds?|minutes?|hours?|days?))\\b");
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:\\d\\d)");
    private static final Pattern MEASURED = Pattern.compile(
            "(time[=<])[0-9.]+( ?ms)|(= )[0-9.]+/[0-9.]+/[0-9.]+(?:/[0-9.]+)?( ms)|(, time )\\d+(ms)|( after )\\d+( ms)");
    private static final Pattern PID = Pattern.compile("(\"Pid\": )\\d+");
    private static final Pattern ROOTS = Pattern.compile("/tmp/dwr\\d+/(data|exec)");
    private static final Pattern BLANKS = Pattern.compile(" {2,}");
    /**
     * curl's progress meter: on stderr when stdout is not a terminal and -s is absent. dockwire's
     * transcript is a terminal's (curl shows no meter there); the real side's commands have none.
     */
    private static final Pattern CURL_METER = Pattern.compile(
            "(?md)^(?:  % Total .*|\\s+Dload\\s+Upload.*|.*\\r.*--:--:--.*)\\n");
    /**
     * A built-in chain's policy counters: iptables-nft reads them from nf_tables base-chain stats,
     * which count on 6.1 kernels but stay 0 on this 6.18 one ({@link Conformance#squeeze} too).
     */
    static final Pattern POLICY = Pattern.compile("\\(policy (\\w+) \\d+ packets, \\d+ bytes\\)");

    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, String> others = new HashMap<>();
    private int idCount;
    private int otherCount;

    /** The output of the next command, normalised. */
    String next(String text) {
        String t = CURL_METER.matcher(text).replaceAll("");
        t = POLICY.matcher(t).replaceAll("(policy $1)");
        t = ROOTS.matcher(t).replaceAll(m -> m.group(1).equals("data") ? "/var/lib/docker" : "/var/run/docker");
        t = TOKEN.matcher(t).replaceAll("<token>");
        t = DEBIAN.matcher(t).replaceAll("$1");
        t = replace(LONG_ID, t, this::longId);
        t = replace(SWARM_ID, t, this::longId);
        t = replace(SWARM_SHORT_ID, t, this::shortId);
        t = replace(SHORT_ID, t, this::shortId);
        t = replace(MAC, t, m -> m.startsWith("00:00:00:00:00:00") || m.equals("ff:ff:ff:ff:ff:ff") ? m : alias("mac", m));
        t = replace(VETH, t, m -> alias("veth", m));
        t = replace(NameGenerator.GENERATED, t, m -> alias("name", m));
        t = DATE.matcher(t).replaceAll("<date>");
        t = DURATION.matcher(t).replaceAll("<time>");
        t = MEASURED.matcher(t).replaceAll(m -> Matcher.quoteReplacement(measured(m)));
        t = PID.matcher(t).replaceAll("$1<pid>");
        return BLANKS.matcher(t).replaceAll("  ");
    }

    private static String measured(java.util.regex.MatchResult m) {
        for (int g = 1; g <= 7; g += 2) {
            if (m.group(g) != null) {
                return m.group(g) + "<t>" + m.group(g + 1);
            }
        }
        return m.group();
    }

    private String longId(String id) {
        String a = ids.get(id);
        if (a == null) {
            a = ids.get(id.substring(0, 12)); // seen short first
            if (a == null) {
                a = "<id" + ++idCount + ">";
            }
            ids.put(id, a);
            ids.put(id.substring(0, 12), a);
        }
        return a;
    }

    private String shortId(String id) {
        return ids.computeIfAbsent(id, k -> "<id" + ++idCount + ">");
    }

    private String alias(String kind, String value) {
        return others.computeIfAbsent(kind + ":" + value, k -> "<" + kind + ++otherCount + ">");
    }

    private static String replace(Pattern p, String text, java.util.function.UnaryOperator<String> f) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
