package io.dockwire.netfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Every match and target this package models, with small and huge counters, listed in all the
 * formats; expected texts were captured from iptables 1.8.9 (nf_tables) after
 * {@code iptables-restore -c formats.rules}.
 */
class ListingFormatsTest {
    private final Rig rig = loaded();

    /** Replays an iptables-restore -c file as iptables commands with -c counters. */
    private static Rig loaded() {
        Rig rig = new Rig();
        String table = null;
        for (String line : Rig.resource("formats.rules").split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (line.startsWith(":")) {
                String[] f = line.substring(1).split(" ");
                String[] c = f[2].substring(1, f[2].length() - 1).split(":");
                if (f[1].equals("-")) {
                    rig.run("iptables -t " + table + " -N " + f[0]);
                } else {
                    rig.run("iptables -t " + table + " -P " + f[0] + " " + f[1] + " -c " + c[0] + " " + c[1]);
                }
            } else if (line.startsWith("[")) {
                String[] c = line.substring(1, line.indexOf(']')).split(":");
                rig.run("iptables -t " + table + " -c " + c[0] + " " + c[1] + " " + line.substring(line.indexOf(']') + 2));
            }
        }
        return rig;
    }

    @Test
    void natVerboseNumericUsesKmgSuffixesAndPrintsTargetOptions() {
        assertEquals(Rig.resource("formats-nat-L-n-v.txt"), rig.run("iptables -t nat -L -n -v"));
    }

    @Test
    void exactCountersWithLineNumbersWidenTheColumns() {
        assertEquals(Rig.resource("formats-nat-L-n-v-x-num.txt"), rig.run("iptables -t nat -L -n -v -x --line-numbers"));
    }

    @Test
    void filterVerboseNumericShowsMatchesGotoLogAndReject() {
        assertEquals(Rig.resource("formats-filter-L-n-v.txt"), rig.run("iptables -L -n -v"));
    }

    @Test
    void withoutNumericNamesServicesNetworksAndProtocols() {
        assertEquals(Rig.resource("formats-filter-L.txt"), rig.run("iptables -L"));
        assertEquals(Rig.resource("formats-nat-L.txt"), rig.run("iptables -t nat -L"));
    }

    @Test
    void singleChainWithLineNumbers() {
        assertEquals(Rig.resource("formats-input-L-num.txt"), rig.run("iptables -L INPUT --line-numbers -n"));
    }

    @Test
    void listRulesNormalisesSpecs() {
        assertEquals(Rig.resource("formats-filter.S"), rig.run("iptables -S"));
        assertEquals(Rig.resource("formats-nat.S"), rig.run("iptables -t nat -S"));
    }

    @Test
    void saveWithCountersListsFilterThenNat() {
        assertEquals(Rig.resource("formats-save-c.txt"), rig.run("iptables-save -c").replaceAll("(?m)^#.*\n", ""));
    }
}
