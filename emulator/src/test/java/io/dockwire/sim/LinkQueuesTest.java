package io.dockwire.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LinkQueues against the plainest model of its contract: every queued entry sorted by (time,
 * sequence), a channel's arrival time raised to its last queued one. Random mixes of delays
 * (one shared delay, several, changing delays, zero delays) must dispatch exactly as the model.
 */
class LinkQueuesTest {
    private record Entry(long time, long seq, int channel, int slot, int arg) {
    }

    @Test
    void dispatchOrderMatchesASortedModelForRandomDelays() {
        long[][] delaySets = {{2_000}, {2_000, 5_000}, {0, 1, 2_000, 7_000}, {}};
        for (long seed = 1; seed <= 15; seed++) {
            for (long[] delays : delaySets) {
                run(new Random(seed), delays);
            }
        }
    }

    private static void run(Random rnd, long[] delays) {
        int channels = 1 + rnd.nextInt(12);
        List<String> got = new ArrayList<>();
        LinkQueues q = new LinkQueues();
        long[] now = {0};
        for (int c = 0; c < channels; c++) {
            int ch = c;
            assertEquals(c, q.addChannel((t, slot, arg) -> got.add(t + "/" + ch + "/" + slot + "/" + arg)));
        }
        long[] channelDelay = new long[channels];
        for (int c = 0; c < channels; c++) {
            channelDelay[c] = delays.length == 0 ? rnd.nextInt(50) : delays[rnd.nextInt(delays.length)];
        }
        List<Entry> model = new ArrayList<>();
        List<String> want = new ArrayList<>();
        long seq = 0;
        int slot = 0;
        for (int step = 0; step < 3_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 5) {
                int c = rnd.nextInt(channels);
                if (rnd.nextInt(50) == 0) {
                    channelDelay[c] = delays.length == 0 ? rnd.nextInt(50) : delays[rnd.nextInt(delays.length)];
                }
                long time = now[0] + channelDelay[c];
                long s = seq++;
                int arg = rnd.nextInt(3);
                long raised = time;
                for (Entry e : model) {
                    if (e.channel == c && e.time > raised) {
                        raised = e.time;
                    }
                }
                model.add(new Entry(raised, s, c, slot, arg));
                q.enqueue(c, time, s, slot, arg);
                slot++;
            } else if (!model.isEmpty()) {
                Entry min = model.get(0);
                for (Entry e : model) {
                    if (e.time < min.time || (e.time == min.time && e.seq < min.seq)) {
                        min = e;
                    }
                }
                model.remove(min);
                assertEquals(min.time, q.headTime());
                assertEquals(min.seq, q.headSeq());
                now[0] = min.time;
                want.add(min.time + "/" + min.channel + "/" + min.slot + "/" + min.arg);
                q.dispatchHead(now[0]);
            }
            for (int c = 0; c < channels; c++) {
                int cc = c;
                assertEquals(model.stream().filter(e -> e.channel == cc).count(), q.queued(c));
            }
            assertEquals(model.isEmpty(), q.isEmpty());
        }
        assertEquals(want, got);
        assertTrue(got.size() > 100);
    }
}
