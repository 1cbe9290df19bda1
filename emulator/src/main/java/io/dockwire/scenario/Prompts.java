package io.dockwire.scenario;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the shell prompts that tutorials paste in front of commands, and comments.
 *
 * <p>The one ambiguity is {@code # }: it is root's prompt and sh's comment. Rule: a line
 * {@code # WORD ...} is a root prompt when WORD is a {@link #COMMAND_WORDS command word} and the
 * rest of the line is plain ASCII; anything else starting with {@code #} is a comment. So
 * {@code # docker network ls} runs, while {@code # iptables 룰 확인} and {@code #docker} are
 * comments. Write English comments that begin with a command word as {@code ## ...}.
 */
final class Prompts {
    /** Words that start the commands a scenario may contain. */
    static final Set<String> COMMAND_WORDS = Set.of(
            "docker", "ip", "iptables", "iptables-save", "ip6tables", "bridge", "brctl", "sysctl",
            "ping", "curl", "wget", "nc", "nslookup", "dig", "host", "cat", "conntrack", "tcpdump",
            "sleep", "exit", "echo", "netstat", "ss", "route", "arp", "hostname", "sudo", "nstat");

    private static final Pattern[] PROMPTS = {
        Pattern.compile("^(?:\\$|❯)\\s+"),                         // $ cmd, ❯ cmd
        Pattern.compile("^[a-z]+-\\d+(?:\\.\\d+)*[#$]\\s+"),          // bash-5.0# cmd
        Pattern.compile("^[/~]\\S*\\s[#$]\\s+"),                      // busybox: / # cmd
        Pattern.compile("^[\\w.-]+@[\\w.-]+(?::\\S*)?[#$]\\s+"),      // root@host:~# cmd
        Pattern.compile("^\\[[^\\]\\n]+\\][#$]\\s+"),                 // [user@host dir]$ cmd
    };

    private static final Pattern ROOT_PROMPT = Pattern.compile("^#\\s+([A-Za-z0-9_.-]+)");

    private Prompts() {
    }

    /** Whether a line (already left-trimmed) starting with {@code #} is a comment. */
    static boolean isComment(String line) {
        if (!line.startsWith("#")) {
            return false;
        }
        Matcher m = ROOT_PROMPT.matcher(line);
        return !(m.find() && COMMAND_WORDS.contains(m.group(1)) && isAscii(line));
    }

    /** The line without its leading prompt ({@code #} prompts already told from comments). */
    static String strip(String line) {
        if (line.startsWith("#")) {
            return line.substring(1).stripLeading();
        }
        for (Pattern p : PROMPTS) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return line.substring(m.end());
            }
        }
        return line;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
