package io.dockwire.netfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockwire.command.CommandResult;
import org.junit.jupiter.api.Test;

/**
 * A command sequence (good and bad) replayed against a fresh namespace; commands.tsv holds what
 * the real iptables 1.8.9 (nf_tables) printed and returned for each, in order.
 */
class IptablesCommandTest {

    @Test
    void everyCommandPrintsAndExitsAsTheRealTool() {
        Rig rig = new Rig();
        for (String row : Rig.resource("commands.tsv").split("\n")) {
            String[] f = row.split("\t", -1);
            CommandResult r = rig.ipt.runLine(f[0]);
            assertEquals(unescape(f[3]), r.stderr(), "stderr of: " + f[0]);
            assertEquals(unescape(f[2]), r.stdout(), "stdout of: " + f[0]);
            assertEquals(Integer.parseInt(f[1]), r.exitCode(), "exit code of: " + f[0]);
        }
    }

    @Test
    void deleteBySpecRemovesTheFirstEqualRuleOnly() {
        Rig rig = new Rig();
        rig.run("iptables -A INPUT -s 10.0.0.0/8 -j DROP");
        rig.run("iptables -A INPUT -p tcp --dport 22 -j ACCEPT");
        rig.run("iptables -A INPUT -s 10.0.0.0/8 -j DROP");
        rig.run("iptables -D INPUT -s 10.1.2.3/8 -j DROP");
        assertEquals("-P INPUT ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -j DROP\n",
                rig.run("iptables -S INPUT"));
    }

    @Test
    void zeroClearsRuleAndPolicyCounters() {
        Rig rig = new Rig();
        rig.run("iptables -A INPUT -c 5 500 -j ACCEPT");
        rig.run("iptables -P INPUT DROP -c 7 700");
        rig.run("iptables -Z INPUT");
        assertEquals("Chain INPUT (policy DROP 0 packets, 0 bytes)\n"
                + " pkts bytes target     prot opt in     out     source               destination         \n"
                + "    0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0           \n",
                rig.run("iptables -L INPUT -n -v"));
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
