package io.dockwire.netfilter;

import io.dockwire.command.CommandResult;
import java.util.Arrays;

/**
 * Netfilter of one network namespace: the raw, mangle, nat and filter tables, conntrack and NAT,
 * behind one entry point the IP stack (and the bridge, with br_netfilter) calls at each hook.
 *
 * <h2>Seam</h2>
 * For every IPv4 packet the stack keeps an {@link NfPacket} (re-pointed with
 * {@link NfPacket#wrap}) and calls {@link #hook} where Linux calls NF_HOOK:
 * <ul>
 * <li>received: PREROUTING(in, 0) - route - INPUT(in, 0) or FORWARD(in, out) - POSTROUTING(0, out)
 * <li>sent locally: OUTPUT(0, out) - POSTROUTING(0, out)
 * <li>bridged with {@link #bridgeNfCallIptables()}: PREROUTING, FORWARD, POSTROUTING with the
 * bridge device (docker0) as in/out, as br_netfilter presents it to iptables.
 * </ul>
 * The packet is rewritten in place (NAT) with valid checksums; any verdict but ACCEPT ends it.
 * After OUTPUT the stack re-routes when the destination changed (DNAT of local traffic, as
 * ip_route_me_harder). {@link NfPacket#note()} says afterwards which rule dropped, rejected or
 * NATed the packet, for capture comments.
 * If the stack drops a packet between hooks it calls {@link NfPacket#release}. Hook order inside
 * one call follows the kernel's priorities: raw (-300), conntrack (-200), mangle (-150), nat DNAT
 * (-100), filter (0), nat SNAT (100), conntrack confirm (last).
 *
 * <p>Conntrack runs only while something needs it (a nat table or a rule with a conntrack match),
 * as Linux registers conntrack hooks per namespace on demand; container namespaces without rules
 * stay untracked. Not modelled: mangle targets, raw NOTRACK/CT, expectations/helpers, TCP window
 * checks, early drop of unassured entries when the table is full, fragment reassembly.
 */
public final class Netfilter {
    public static final int DEFAULT_CONNTRACK_MAX = 65536;
    private static final int MAX_DEPTH = 64;

    final Table raw = new Table("raw", Hook.PREROUTING, Hook.OUTPUT);
    final Table mangle = new Table("mangle", Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING);
    final Table filter = new Table("filter", Hook.INPUT, Hook.FORWARD, Hook.OUTPUT);
    final Table nat = new Table("nat", Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT, Hook.POSTROUTING);
    /** iptables-save order (iptables-nft's table list: raw, mangle, filter, security, nat). */
    final Table[] tables = {raw, mangle, filter, nat};

    private final NetfilterHost host;
    private final Conntrack conntrack;
    private final ConntrackIn ctIn;
    private final Nat natEngine;
    private boolean bridgeNfCallIptables;
    private boolean trace;
    private boolean tracking;
    private boolean trackingForced;
    /** {@link #passive()}, recomputed by {@link #rulesChanged} (every ruleset, policy or table change). */
    private boolean passive = true;
    /**
     * The interface name each ifindex had when last seen by a hook ({@link #ifName}); a rule's cached
     * -i/-o answers (see {@link Rule#forgetInterfaces}) hold for exactly these names.
     */
    private String[] ifNames = new String[16];
    /** {@link NetfilterHost#interfaceNamesVersion} when {@link #ifNames} was last checked. */
    private int namesVersion = NetfilterHost.NAMES_UNVERSIONED;

    private final Chain[] stackChain = new Chain[MAX_DEPTH];
    private final int[] stackIdx = new int[MAX_DEPTH];
    /**
     * Bumped by every change that can change what a walk does (rules, chains, policies, tables,
     * interface names); {@link WalkMemo} lines of older generations are dead.
     */
    private int generation = 1;
    /** For tests: walk every time (the reference the memo is compared with). */
    boolean memoEnabled = true;
    /** For tests: remember whole passes ({@link PassMemo}; only while {@link #memoEnabled} too). */
    boolean passMemoEnabled = true;
    final PassMemo passMemo = new PassMemo();
    /** The packet whose pass is being recorded into {@link #passMemo} from its PREROUTING, null for none. */
    private NfPacket recPacket;
    /** The recorded pass's input device (PREROUTING's) and output device (FORWARD's). */
    private int recIn;
    private int recOut;
    /** Inside {@link #bridge}: its hooks are one pass, remembered as a whole. */
    private boolean bridging;
    /** For tests: lines per {@link WalkMemo} (1 makes every packet's key comparison count). */
    int memoLines = WalkMemo.LINES;
    /** The rules the current walk matched, in order (recorded for {@link WalkMemo}). */
    private final Rule[] path = new Rule[WalkMemo.MAX_PATH];
    private int pathLen;
    /** Built-in chain whose policy ended the current walk, null when a rule did. */
    private Chain policyChain;
    /** The current walk did something a replay would not (LOG). */
    private boolean sideEffect;
    private Chain decidedChain;
    private int decidedIndex;
    private Target decidedTarget;

    public Netfilter(NetfilterHost host) {
        this(host, DEFAULT_CONNTRACK_MAX);
    }

    public Netfilter(NetfilterHost host, int conntrackMax) {
        this.host = host;
        this.conntrack = new Conntrack(conntrackMax);
        this.ctIn = new ConntrackIn(conntrack);
        this.natEngine = new Nat(conntrack, host);
    }

    public Conntrack conntrack() {
        return conntrack;
    }

    /** net.bridge.bridge-nf-call-iptables (off by default; Docker <= 27 turns it on). */
    public boolean bridgeNfCallIptables() {
        return bridgeNfCallIptables;
    }

    /**
     * Turns on TRACE for every packet (as if {@code -t raw -j TRACE} matched everything): each
     * rule a packet matches, each implicit return and each policy verdict goes to the host's log
     * as {@code TRACE: nat:PREROUTING:rule:1 IN=eth0 OUT= SRC=... } like nf_log prints it.
     * Off by default; costs one branch per matched rule when off.
     */
    public void setTrace(boolean on) {
        this.trace = on;
    }

    private void trace(Table t, Chain c, String kind, int ruleNum, NfPacket p) {
        host.log(LogLine.format("TRACE: " + t.name + ":" + c.name + ":" + kind + ":" + ruleNum + " ", p));
    }

    public void setBridgeNfCallIptables(boolean on) {
        this.bridgeNfCallIptables = on;
    }

    /** Track connections even without rules that need it (e.g. to show `conntrack -L`). */
    public void forceConntrack(boolean on) {
        trackingForced = on;
        rulesChanged();
    }

    public boolean conntrackActive() {
        return tracking;
    }

    /** `conntrack -L` at simulated time {@code nowNs}. */
    public CommandResult conntrackList(long nowNs) {
        return conntrack.list(nowNs);
    }

    Table table(String name) {
        for (Table t : tables) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * True when every hook would accept every packet without looking at it or counting it: no
     * connection tracking, and no table with a rule, a non-ACCEPT policy or an existence of its
     * own at any hook (exactly the condition under which {@link #walk} returns at once). Then a
     * hook call has no observable effect, so the caller may skip it (a namespace without rules,
     * such as a container's, pays one check per hook instead of the packet's parsing).
     */
    public boolean passive() {
        return passive;
    }

    /**
     * Re-evaluates whether conntrack is needed and whether the namespace is {@link #passive()}.
     * Every change to a table (rules, chains, policies, its existence) and to forced tracking must
     * call this.
     */
    void rulesChanged() {
        boolean need = trackingForced || nat.exists;
        boolean allIdle = true;
        for (Table t : tables) {
            boolean keyed = true;
            for (Chain c : t.all()) {
                for (Rule r : c.rules) {
                    need |= r.needsConntrack();
                    keyed &= r.keyed();
                }
                c.ruleArray = c.rules.toArray(new Rule[0]);
            }
            t.keyed = keyed;
            for (int h = 0; h < Hook.COUNT; h++) {
                Chain base = t.byHook[h];
                t.idle[h] = base == null || (base.rules.isEmpty() && base.policy == Target.ACCEPT && !t.exists);
                allIdle &= t.idle[h];
            }
        }
        tracking = need;
        passive = !need && allIdle; // every walk would accept at once and nothing is tracked
        generation++;
    }

    /**
     * Runs every table registered at {@code hook} over the packet, in kernel priority order.
     * {@code inIfindex}/{@code outIfindex} are 0 where Linux has no device (OUTPUT's input,
     * PREROUTING's output). Allocation free for established flows whose rules accept. A packet
     * of an established flow that repeats a remembered pass ({@link PassMemo}) gets its outcome
     * replayed instead, hook by hook; other passes from PREROUTING on are recorded.
     */
    public Verdict hook(int hook, NfPacket p, int inIfindex, int outIfindex, long nowNs) {
        if (p.pass >= 0) {
            Verdict v = replayStage(hook, p, inIfindex, outIfindex);
            if (v != null) {
                return v;
            }
        }
        if (recPacket != null && (recPacket != p || (!bridging && (hook == Hook.PREROUTING || hook == Hook.OUTPUT)))) {
            recPacket = null; // another packet's hook, or a new packet: the recorded pass is over
        }
        if (hook == Hook.PREROUTING && !bridging && p.ct < 0 && remembering()) { // ct: tracked before (lo) takes no step
            int l = repeated(p, inIfindex, false, nowNs);
            if (l >= 0) {
                passMemo.replay(l, 0, 0, p.totalLen);
                p.pass = l;
                p.passStage = 1;
                p.passStamp = passMemo.stamp(l);
                return Verdict.ACCEPT;
            }
            startRecording(p);
        }
        Verdict v = runHook(hook, p, inIfindex, outIfindex, nowNs);
        if (recPacket != null) {
            recorded(hook, p, inIfindex, outIfindex, v);
        }
        return v;
    }

    private Verdict runHook(int hook, NfPacket p, int inIfindex, int outIfindex, long nowNs) {
        if (hook == Hook.PREROUTING || hook == Hook.OUTPUT || namesVersion == NetfilterHost.NAMES_UNVERSIONED) {
            // A packet's first hook. Its later hooks run in the same event, and devices change
            // only between events (commands), so the names checked here hold for all of them.
            checkNames();
        }
        p.inIf = inIfindex;
        p.outIf = outIfindex;
        String in = ifName(inIfindex);
        String out = ifName(outIfindex);
        if (p.inName != in) { // stores only when the name changes: a reference store costs a GC barrier
            p.inName = in;
        }
        if (p.outName != out) {
            p.outName = out;
        }
        if (!p.parsed) {
            p.parse();
        }
        // One small method per hook (and this one small), so that the JIT inlines them.
        return switch (hook) {
            case Hook.PREROUTING, Hook.OUTPUT -> first(hook, p, nowNs);
            case Hook.INPUT -> input(p, nowNs);
            case Hook.FORWARD -> forward(p);
            case Hook.POSTROUTING -> postrouting(p, nowNs);
            default -> throw new IllegalArgumentException("unknown hook, hook=" + hook);
        };
    }

    private void checkNames() {
        int version = host.interfaceNamesVersion();
        if (version != namesVersion || version == NetfilterHost.NAMES_UNVERSIONED) {
            recheckNames();
            namesVersion = version;
        }
    }

    /**
     * br_netfilter's pass for an IPv4 packet the bridge {@code dev} forwards between two of its
     * ports: PREROUTING (in {@code dev}), FORWARD ({@code dev} to {@code dev}) and POSTROUTING
     * (out {@code dev}), stopping at the first verdict that is not ACCEPT. The packet is wrapped
     * and not yet parsed or tracked; the caller releases it afterwards.
     *
     * <p>The next packet of an established TCP/UDP flow whose pass {@link PassMemo} remembers
     * takes the remembered outcome in one step: conntrack's step on the same entry, its NAT, the
     * same counters; indistinguishable from the three hooks (NetfilterCachesTest), cheaper by the
     * hooks' dispatch and walks.
     */
    public Verdict bridge(NfPacket p, int dev, long nowNs) {
        if (remembering()) {
            int l = repeated(p, dev, true, nowNs);
            if (l >= 0) {
                passMemo.replay(l, 0, PassMemo.STAGES - 1, p.totalLen);
                natEngine.apply(p, NatRewrite.SRC);
                return Verdict.ACCEPT;
            }
            startRecording(p);
        }
        bridging = true;
        Verdict v;
        try {
            v = hook(Hook.PREROUTING, p, dev, 0, nowNs);
            if (v == Verdict.ACCEPT) {
                v = hook(Hook.FORWARD, p, dev, dev, nowNs);
            }
            if (v == Verdict.ACCEPT) {
                v = hook(Hook.POSTROUTING, p, 0, dev, nowNs);
            }
        } finally {
            bridging = false;
        }
        if (recPacket != null && v == Verdict.ACCEPT) {
            finishRecording(PassMemo.BRIDGED, p, dev, dev);
        }
        recPacket = null;
        return v;
    }

    /**
     * Brings every rule's and policy's counters up to date: replayed passes count per
     * {@link PassMemo} line until this. Every iptables command calls it before it reads, zeroes
     * or sets counters, or changes rules.
     */
    void settleCounters() {
        passMemo.settle();
    }

    /** Whether passes are remembered and replayed now ({@link PassMemo}). */
    private boolean remembering() {
        return passMemoEnabled && memoEnabled && tracking && !trace;
    }

    /**
     * At a packet's PREROUTING: the {@link PassMemo} line whose pass the packet repeats (coming in
     * on {@code in}, bridged or not), with conntrack's step and DNAT done as {@link #knownEntry}
     * does; -1 (nothing done but the parse) when there is none.
     */
    private int repeated(NfPacket p, int in, boolean bridged, long now) {
        checkNames();
        if (!p.parsed) {
            p.parse();
        }
        int l = passMemo.find(p, in, generation, bridged);
        return l >= 0 && knownEntry(l, p, now) ? l : -1;
    }

    /**
     * The packet (parsed, at PREROUTING) belongs to line {@code l}'s entry as the line remembers
     * it: then conntrack's step runs and the entry's DNAT is applied, as PREROUTING would, and
     * true is returned; the counters are the caller's to replay. False (nothing done) otherwise.
     */
    private boolean knownEntry(int l, NfPacket p, long now) {
        if (!p.csumPartial && !ctIn.l4Valid(p)) {
            return false;
        }
        int slot = conntrack.find(p.src, p.dst, p.sport, p.dport, p.proto, now);
        if (!passMemo.sameEntry(l, slot, conntrack)) {
            return false;
        }
        ctIn.known(p, slot, now);
        natEngine.apply(p, NatRewrite.DST);
        return true;
    }

    /**
     * A routed packet on a remembered pass ({@link NfPacket#pass}) at its next hook: when the hook
     * and devices are the ones the line remembers, the hook's counters are replayed (and SNAT
     * applied at the last hook; the entry is confirmed already) and ACCEPT returned; otherwise
     * null, and the hook runs as usual (the packet is where a full PREROUTING would have left it).
     */
    private Verdict replayStage(int hook, NfPacket p, int inIfindex, int outIfindex) {
        int l = p.pass;
        int stage = p.passStage;
        p.pass = -1;
        if (!passMemo.stillHolds(l, p.passStamp)) {
            return null;
        }
        int kind = passMemo.kind(l);
        if (hook == Hook.FORWARD && stage == 1 && kind == PassMemo.FORWARDED && inIfindex == passMemo.in(l)
                && outIfindex == passMemo.out(l)) {
            passMemo.replay(l, 1, 1, p.totalLen);
            p.pass = l;
            p.passStage = 2;
            return Verdict.ACCEPT;
        }
        if ((hook == Hook.POSTROUTING && stage == 2 && outIfindex == passMemo.out(l))
                || (hook == Hook.INPUT && stage == 1 && kind == PassMemo.DELIVERED && inIfindex == passMemo.in(l))) {
            passMemo.replay(l, stage, stage, p.totalLen);
            natEngine.apply(p, NatRewrite.SRC);
            return Verdict.ACCEPT;
        }
        return null;
    }

    private void startRecording(NfPacket p) {
        passMemo.begin(p);
        ctIn.foundSlot = -1;
        recPacket = p;
    }

    /** After each hook of the packet being recorded. */
    private void recorded(int hook, NfPacket p, int inIfindex, int outIfindex, Verdict v) {
        if (v != Verdict.ACCEPT) {
            recPacket = null;
            return;
        }
        passMemo.mark();
        switch (hook) {
            case Hook.PREROUTING -> recIn = inIfindex;
            case Hook.FORWARD -> {
                recOut = outIfindex;
                if (inIfindex != recIn) {
                    recPacket = null;
                }
            }
            case Hook.POSTROUTING -> {
                if (!bridging) {
                    if (outIfindex == recOut) {
                        finishRecording(PassMemo.FORWARDED, p, recIn, outIfindex);
                    }
                    recPacket = null;
                }
            }
            case Hook.INPUT -> {
                finishRecording(PassMemo.DELIVERED, p, recIn, 0);
                recPacket = null;
            }
            default -> recPacket = null;
        }
    }

    /** The recorded pass accepted the packet: remembered if its conntrack side allows (see PassMemo). */
    private void finishRecording(int kind, NfPacket p, int in, int out) {
        int slot = ctIn.foundSlot;
        int both = Conntrack.CONFIRMED | Conntrack.SRC_NAT_DONE | Conntrack.DST_NAT_DONE;
        if (p.note == null && slot >= 0 && p.ct == slot >> 1 && p.dir == (slot & 1) && (ctIn.foundStatus & both) == both
                && (conntrack.status[p.ct] & Conntrack.DYING) == 0) {
            passMemo.end(kind, in, out, generation, slot, conntrack.incarnation[slot >> 1], ctIn.foundStatus,
                    ctIn.foundTcpState);
        }
    }

    /** PREROUTING or OUTPUT: raw, conntrack, mangle, nat (DST), and filter for OUTPUT. */
    private Verdict first(int hook, NfPacket p, long nowNs) {
        int v = walk(raw, hook, p);
        if (v != Target.ACCEPT) {
            return finish(p, v);
        }
        if (tracking && !ctIn.track(p, hook == Hook.PREROUTING, nowNs, host)) {
            p.addNote("conntrack table full, dropping packet");
            return finish(p, Target.DROP);
        }
        v = walk(mangle, hook, p);
        if (v == Target.ACCEPT) {
            v = natStep(p, hook, NatRewrite.DST, nowNs);
        }
        if (v == Target.ACCEPT && hook == Hook.OUTPUT) {
            v = walk(filter, hook, p);
        }
        return finish(p, v);
    }

    private Verdict input(NfPacket p, long nowNs) {
        int v = walk(mangle, Hook.INPUT, p);
        if (v == Target.ACCEPT) {
            v = walk(filter, Hook.INPUT, p);
        }
        if (v == Target.ACCEPT) {
            v = natStep(p, Hook.INPUT, NatRewrite.SRC, nowNs);
        }
        return confirm(p, v, nowNs);
    }

    private Verdict forward(NfPacket p) {
        int v = walk(mangle, Hook.FORWARD, p);
        if (v == Target.ACCEPT) {
            v = walk(filter, Hook.FORWARD, p);
        }
        return finish(p, v);
    }

    private Verdict postrouting(NfPacket p, long nowNs) {
        int v = walk(mangle, Hook.POSTROUTING, p);
        if (v == Target.ACCEPT) {
            v = natStep(p, Hook.POSTROUTING, NatRewrite.SRC, nowNs);
        }
        return confirm(p, v, nowNs);
    }

    /** The interface's current name ("" for none), remembered per ifindex (see {@link #recheckNames}). */
    private String ifName(int ifindex) {
        if (ifindex <= 0) {
            return "";
        }
        String[] names = ifNames;
        if (ifindex < names.length) {
            String n = names[ifindex];
            if (n != null) {
                return n; // still this ifindex's name: checked by recheckNames since the last change
            }
        }
        return askName(ifindex);
    }

    /** First sight of an ifindex (or after {@link #recheckNames} found it gone): ask the host. */
    private String askName(int ifindex) {
        String n = host.interfaceName(ifindex);
        if (n == null) {
            n = "";
        }
        String[] names = ifNames;
        if (ifindex >= names.length) {
            ifNames = names = Arrays.copyOf(names, Math.max(ifindex + 1, 2 * names.length));
        }
        names[ifindex] = n;
        return n;
    }

    /**
     * The host's devices changed: re-asks every remembered name. One that differs from before
     * (device renamed, or removed and the index reused) drops every rule's cached -i/-o answers; a
     * new ifindex needs nothing dropped, as no rule has an answer for it yet.
     */
    private void recheckNames() {
        String[] names = ifNames;
        boolean changed = false;
        for (int i = 1; i < names.length; i++) {
            String old = names[i];
            if (old == null) {
                continue;
            }
            String n = host.interfaceName(i);
            if (n == null) {
                n = "";
            }
            if (!old.equals(n)) {
                changed = true;
            }
            names[i] = n;
        }
        if (changed) {
            forgetInterfaces();
        }
    }

    private void forgetInterfaces() {
        generation++;
        for (Table t : tables) {
            for (Chain c : t.all()) {
                for (Rule r : c.rules) {
                    r.forgetInterfaces();
                }
            }
        }
    }

    /** The nat table is consulted only for a connection's first packet; then the binding rules. */
    private int natStep(NfPacket p, int hook, int manip, long now) {
        if (p.ct < 0) {
            return Target.ACCEPT;
        }
        int e = p.ct;
        if ((conntrack.status[e] & Nat.doneBit(manip)) == 0) {
            passMemo.spoil();
            Target tg = null;
            String prefix = null;
            if ((conntrack.status[e] & Conntrack.CONFIRMED) == 0 && p.ctState == CtState.NEW) {
                int v = walk(nat, hook, p);
                if (v == Target.DROP) {
                    return v;
                }
                if (v >= Target.DNAT) {
                    tg = decidedTarget;
                    prefix = "nat/" + decidedChain.name + " #" + (decidedIndex + 1) + " " + tg.name() + " ";
                }
            }
            String change = natEngine.setup(p, manip, tg, now);
            if (change == null) {
                p.addNote("nat: no unique tuple, dropping packet");
                return Target.DROP;
            }
            if (!change.isEmpty()) {
                p.addNote((prefix != null ? prefix : "nat/" + Hook.name(hook) + " implicit SNAT ") + change + " (ct new)");
            }
        }
        natEngine.apply(p, manip);
        return Target.ACCEPT;
    }

    private Verdict confirm(NfPacket p, int v, long now) {
        if (v == Target.ACCEPT && p.ct >= 0 && !conntrack.confirm(p.ct, now)) {
            p.ct = -1;
            p.addNote("conntrack insert clash, dropping packet");
            return Verdict.DROP;
        }
        return finish(p, v);
    }

    private Verdict finish(NfPacket p, int v) {
        if (v == Target.ACCEPT) {
            return Verdict.ACCEPT;
        }
        p.release();
        return v == Target.REJECT ? Verdict.STOLEN : Verdict.DROP;
    }

    /**
     * Walks the table's chain for {@code hook} (ipt_do_table): jumps push a return point, goto
     * does not, RETURN or falling off a user chain pops, a built-in's end applies its policy.
     * Returns a Target kind: ACCEPT, DROP, REJECT or a NAT kind (then {@link #decidedTarget}).
     */
    int walk(Table t, int hook, NfPacket p) {
        if (t.idle[hook]) {
            return Target.ACCEPT;
        }
        Chain base = t.byHook[hook];
        if (!t.keyed || trace || !memoEnabled) {
            passMemo.spoil();
            return run(t, base, p);
        }
        WalkMemo m = t.memo[hook];
        if (m == null) {
            t.memo[hook] = m = new WalkMemo(memoLines);
        }
        int line = m.find(p, generation);
        if (line >= 0) {
            m.replay(line, p);
            if (recPacket != null) {
                m.recordInto(line, passMemo);
            }
            return Target.ACCEPT;
        }
        int v = run(t, base, p);
        if (v == Target.ACCEPT && !sideEffect && pathLen <= WalkMemo.MAX_PATH) {
            m.store(p, generation, path, pathLen, policyChain);
            if (recPacket != null) {
                passMemo.add(path, 0, pathLen, policyChain);
            }
        } else {
            passMemo.spoil();
        }
        return v;
    }

    /** The walk itself, recording the matched rules in {@link #path} as it goes. */
    private int run(Table t, Chain base, NfPacket p) {
        pathLen = 0;
        policyChain = null;
        sideEffect = false;
        Chain c = base;
        int i = 0;
        int sp = 0;
        while (true) {
            Rule[] rules = c.ruleArray;
            if (i < rules.length) {
                Rule r = rules[i];
                if (!r.matches(p, host)) {
                    i++;
                    continue;
                }
                r.pkts++;
                r.bytes += p.totalLen;
                if (pathLen < WalkMemo.MAX_PATH) {
                    path[pathLen] = r;
                }
                pathLen++;
                if (trace) {
                    trace(t, c, "rule", i + 1, p);
                }
                Target tg = r.target;
                if (tg == null) {
                    i++;
                    continue;
                }
                switch (tg.kind) {
                    case Target.JUMP -> {
                        if (sp == MAX_DEPTH) {
                            return Target.DROP;
                        }
                        stackChain[sp] = c;
                        stackIdx[sp++] = i + 1;
                        c = tg.chain;
                        i = 0;
                    }
                    case Target.GOTO -> {
                        c = tg.chain;
                        i = 0;
                    }
                    case Target.RETURN -> {
                        if (sp == 0) {
                            return policy(t, base, p);
                        }
                        c = stackChain[--sp];
                        i = stackIdx[sp];
                    }
                    case Target.LOG -> {
                        sideEffect = true;
                        host.log(LogLine.format(tg.logPrefix, p));
                        i++;
                    }
                    case Target.ACCEPT -> {
                        return Target.ACCEPT;
                    }
                    default -> {
                        decidedChain = c;
                        decidedIndex = i;
                        decidedTarget = tg;
                        if (tg.kind == Target.DROP || tg.kind == Target.REJECT) {
                            if (r.note == null) {
                                r.note = t.name + "/" + c.name + " #" + (i + 1) + " " + tg.name()
                                        + (tg.kind == Target.REJECT ? " " + tg.rejectWith.text() : "");
                            }
                            p.addNote(r.note);
                            if (tg.kind == Target.REJECT) {
                                host.sendReject(tg.rejectWith, p.buf, p.off, p.len, p.inIf);
                            }
                        }
                        return tg.kind;
                    }
                }
            } else if (sp == 0) {
                if (trace) {
                    trace(t, c, "policy", i + 1, p);
                }
                return policy(t, base, p);
            } else {
                if (trace) {
                    trace(t, c, "return", i + 1, p);
                }
                c = stackChain[--sp];
                i = stackIdx[sp];
            }
        }
    }

    private int policy(Table t, Chain base, NfPacket p) {
        policyChain = base;
        base.policyPkts++;
        base.policyBytes += p.totalLen;
        if (base.policy == Target.DROP) {
            p.addNote(t.name + "/" + base.name + " policy DROP");
        }
        return base.policy;
    }

    @Override
    public String toString() {
        return "Netfilter[conntrack=" + conntrack.count() + ", bridge-nf-call-iptables=" + (bridgeNfCallIptables ? 1 : 0)
                + ", tracking=" + tracking + "]";
    }
}
