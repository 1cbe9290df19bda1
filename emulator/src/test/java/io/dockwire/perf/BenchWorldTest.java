package io.dockwire.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.cli.Main;
import io.dockwire.trace.CaptureSink;
import io.dockwire.wire.Checksum;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The benchmark worlds keep delivering every frame as the emulator changes under them. */
class BenchWorldTest {
    @Test
    void everyTopologyDeliversEveryFrame() {
        for (Topology t : Topology.values()) {
            BenchWorld w = BenchWorld.build(t, CaptureSink.NONE, 20, 5);
            for (int i = 0; i < 50; i++) {
                w.batch(BenchRun.BATCH);
            }
            w.check();
            assertEquals(w.sent(), w.delivered(), t.cliName());
            if (t == Topology.SCALE) {
                assertEquals(100, w.conntrackEntries());
            } else if (t == Topology.OVERLAY) {
                // The manager tracks the outer datagrams: its own to worker-1:4789, and the warm-up
                // reply's from worker-1 to its 4789 (a flow of its own: both ends send to 4789).
                assertEquals(2, w.conntrackEntries(), t.cliName());
            } else if (t != Topology.L2) {
                assertEquals(1, w.conntrackEntries(), t.cliName());
            }
        }
    }

    @Test
    void prebuiltFramesCarryValidChecksums() {
        byte[] f = new byte[BenchWorld.FRAME_BYTES];
        BenchWorld.udpFrame(f, 0, 2, 1, 0xAC11_0002, 0xC0A8_0114, 20000, 9);
        assertTrue(Checksum.verify(f, 14, 20));
        int sum = Checksum.add(Checksum.pseudoHeader(0xAC11_0002, 0xC0A8_0114, 17, 30), Checksum.sum(f, 34, 30));
        assertEquals(0xFFFF, sum);
    }

    @Test
    void benchCommandPrintsJson() {
        StringWriter out = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("bench", "--topology", "l2", "--frames", "64000", "--json"));
        String j = out.toString();
        for (String k : new String[] {"\"topology\": \"l2\"", "\"frames\": 64000", "\"mfps\"", "\"events_per_sec\"",
            "\"alloc_bytes_per_frame\"", "\"p50_ns\"", "\"p99_ns\"", "\"p999_ns\"", "\"seconds\""}) {
            assertTrue(j.contains(k), k + " in " + j);
        }
    }

    /** --rounds 3: the median round's figures, every round's frames/s (JSON array) and their spread. */
    @Test
    void benchRoundsReportsEveryRoundAndTheMedian() {
        StringWriter out = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("bench", "--topology", "l2", "--frames", "6400", "--rounds", "3", "--json"));
        String j = out.toString();
        assertTrue(j.contains("\"rounds\": 3"), j);
        var m = java.util.regex.Pattern.compile("\"mfps\": ([0-9.]+).*\"mfps_rounds\": \\[([0-9.]+), ([0-9.]+), ([0-9.]+)\\], "
                + "\"cpu_rounds\": \\[(-?\\d+), (-?\\d+), (-?\\d+)\\], \"mfps_spread\": ([0-9.]+)").matcher(j);
        assertTrue(m.find(), j);
        double[] each = {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))};
        java.util.Arrays.sort(each);
        assertEquals(each[1], Double.parseDouble(m.group(1)), 1e-4, j);
        assertEquals((each[2] - each[0]) / each[1], Double.parseDouble(m.group(8)), 1e-3, j);
        // The processor of each round: a CPU number where Linux's /proc tells it, else -1.
        boolean proc = new java.io.File("/proc/thread-self/stat").exists();
        for (int g = 5; g <= 7; g++) {
            int cpu = Integer.parseInt(m.group(g));
            assertTrue(proc ? cpu >= 0 && cpu < 4096 : cpu == -1, j);
        }
        assertTrue(j.contains("\"frames\": 6400"), "frames are one round's: " + j);
    }

    @Test
    void benchRefusesZeroRounds() {
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(1, cl.execute("bench", "--rounds", "0")); // a UserError, as --frames 0
        assertTrue(err.toString().contains("--rounds must be at least 1, got 0"), err.toString());
    }
    /** The FDB memory probe learns every MAC (it checks that itself) and reports a plausible size per entry. */
    @Test
    void fdbMemoryLearnsEveryEntry() {
        var m = BenchRun.fdbMemory(20_000);
        assertEquals(20_000, m.get("fdb_entries"));
        double perEntry = (Double) m.get("bytes_per_fdb_entry");
        // At least the record (MAC, last seen, port: 24 bytes) and the map's key and value; far below Linux's 128-byte slab object x 4.
        assertTrue(perEntry >= 36 && perEntry < 512, "bytes per entry: " + perEntry);
    }
}
