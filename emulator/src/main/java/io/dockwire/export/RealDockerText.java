package io.dockwire.export;

/**
 * The fixed parts of a {@link RealDocker} script, after the kernel tier's header (which gives the
 * namespaces, the resolver files, {@code spawn} and the teardown): starting and stopping a real
 * dockerd inside {@code ${P}host}, building the stand-in images, and recording each command's
 * output. Everything dockerd makes lives under {@code $DD} (a short path: its sockets must fit
 * 108 bytes), which the teardown unmounts and removes.
 */
final class RealDockerText {
    private RealDockerText() {
    }

    static String header() {
        return """

                # ---- A real Docker Engine (Debian's docker.io, 20.10) as the Docker host -----------------------
                # dockerd runs in ${P}host (nsenter keeps the mount namespace: ip netns exec would remount /sys
                # without the cgroup mounts it needs), with its data, exec root and socket under $DD, the world's
                # resolver for its containers (--dns 192.168.1.1) and the vfs storage driver. Its containers and
                # their traffic stay in namespaces it makes below ${P}host's bridges; the teardown removes them.
                DD="/tmp/dwr$$"
                DOCKER_CLI="${DW_DOCKER_CLI:-/usr/bin/docker}"
                mkdir -p "$OUT/t"
                rm -f "$OUT"/t/*
                # Docker host H (from 1, in the scenario's order): its dockerd's pid, namespace and hostname.
                declare -A DOCKERD=() HNS=() HNAME=()
                H=1
                D() { timeout 120 "$DOCKER_CLI" -H "unix://$DD/$H/docker.sock" "$@"; }
                # docker_up H NS [HOSTNAME]: dockerd for Docker host H in ${P}NS; with HOSTNAME, in a UTS
                # namespace of its own with that hostname (what a swarm's node list shows).
                docker_up() {
                  local h=$1 ns=$2 name=${3:-} uts=()
                  command -v dockerd >/dev/null || { echo "dockerd is missing (apt-get install docker.io)" >&2; return 1; }
                  [ -x "$DOCKER_CLI" ] || { echo "$DOCKER_CLI is missing (apt-get install docker.io)" >&2; return 1; }
                  mkdir -p "$DD/$h"
                  if [ -n "$name" ]; then uts=(unshare --uts sh -c 'hostname "$0" && exec "$@"' "$name"); fi
                  nsenter --net="/var/run/netns/${P}$ns" "${uts[@]}" dockerd --data-root "$DD/$h/data" \
                    --exec-root "$DD/$h/exec" -H "unix://$DD/$h/docker.sock" --pidfile "$DD/$h/docker.pid" \
                    --storage-driver vfs --dns 192.168.1.1 >"$OUT/dockerd$h.log" 2>&1 </dev/null &
                  DOCKERD[$h]=$!
                  HNS[$h]=$ns
                  HNAME[$h]=$name
                  for _ in $(seq 240); do
                    if H=$h D version >/dev/null 2>&1; then return 0; fi
                    kill -0 "${DOCKERD[$h]}" 2>/dev/null || break
                    sleep 0.25
                  done
                  echo "dockerd $h did not start; its log:" >&2
                  tail -20 "$OUT/dockerd$h.log" >&2
                  return 1
                }
                docker_down() {
                  local h p
                  for h in "${!DOCKERD[@]}"; do
                    H=$h D ps -aq 2>/dev/null | xargs -r timeout 60 "$DOCKER_CLI" -H "unix://$DD/$h/docker.sock" rm -f >/dev/null 2>&1
                    kill "${DOCKERD[$h]}" 2>/dev/null
                  done
                  for h in "${!DOCKERD[@]}"; do
                    p=${DOCKERD[$h]}
                    for _ in $(seq 120); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
                    kill -9 "$p" 2>/dev/null
                  done
                  DOCKERD=()
                  # containerd and its shims run under $DD/H/exec: whatever is left goes too.
                  pkill -f -- "$DD/" 2>/dev/null
                  sleep 0.2
                  grep -o " $DD/[^ ]*" /proc/mounts 2>/dev/null | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
                  rm -rf -- "$DD"
                }

                # A tutorial's join line with placeholders: <TOKEN> is the worker token and IP-ADDRESS:PORT
                # the address of the swarm's manager - the first Docker host that answers as one.
                swarm_manager() {
                  local h
                  for ((h = 1; h <= ${#DOCKERD[@]}; h++)); do
                    if H=$h D swarm join-token -q worker >/dev/null 2>&1; then echo "$h"; return 0; fi
                  done
                  echo 1
                }
                swarm_token() { H=$(swarm_manager) D swarm join-token -q worker; }
                swarm_addr() { echo "$(H=$(swarm_manager) D info -f '{{.Swarm.NodeAddr}}'):2377"; }
                # swarm_settle: after init, join or leave the swarm converges on its own time; the scenario's
                # next line (dockwire's is at once) waits until every manager sees every node Ready (or Down)
                # and host H has its ingress network (or, having left, has none and the managers see it Down).
                swarm_settle() {
                  local h state
                  for _ in $(seq 120); do
                    local ok=1
                    local roles=
                    for ((h = 1; h <= ${#DOCKERD[@]}; h++)); do
                      if H=$h D node ls --format '{{.Status}}' 2>/dev/null | grep -qvE '^(Ready|Down)$'; then ok=; fi
                      if [ -z "$roles" ]; then
                        roles=$(H=$h D node ls --format '{{.Hostname}} {{.ManagerStatus}}' 2>/dev/null) || true
                        # each node's role as asked (Spec.Role) is the one it has (a manager status or none)
                        if [ -n "$roles" ] && H=$h D node ls -q | xargs -r timeout 60 "$DOCKER_CLI" -H "unix://$DD/$h/docker.sock" \
                            node inspect -f '{{.Spec.Role}} {{if .ManagerStatus}}manager{{else}}worker{{end}}' 2>/dev/null \
                            | grep -qvE '^(manager manager|worker worker)$'; then ok=; fi
                      fi
                    done
                    # A promotion or demotion is done when each node's role as the managers list it is the
                    # one it acts in (it answers as a manager, or it does not), and no manager is Unreachable.
                    if printf '%s\\n' "$roles" | grep -q ' Unreachable$'; then ok=; fi
                    for ((h = 1; h <= ${#DOCKERD[@]}; h++)); do
                      [ -n "${HNAME[$h]}" ] || continue
                      local listed ctl
                      listed=$(printf '%s\\n' "$roles" | sed -n "s/^${HNAME[$h]} \\(.\\)/\\1/p")
                      ctl=$(H=$h D info -f '{{.Swarm.ControlAvailable}}' 2>/dev/null) || true
                      if [ -n "$listed" ] && [ "$ctl" != true ]; then ok=; fi
                      if [ -z "$listed" ] && [ "$ctl" = true ] && printf '%s\\n' "$roles" | grep -q "^${HNAME[$h]} "; then ok=; fi
                    done
                    state=$(D info -f '{{.Swarm.LocalNodeState}}' 2>/dev/null) || true
                    if [ "$state" = active ]; then
                      D network inspect ingress >/dev/null 2>&1 || ok=
                      D network inspect docker_gwbridge >/dev/null 2>&1 || ok=
                    else
                      if D network inspect ingress >/dev/null 2>&1; then ok=; fi
                      # A node that left shows Down to the managers when its heartbeat runs out (5-10 s).
                      for ((h = 1; h <= ${#DOCKERD[@]}; h++)); do
                        if H=$h D node ls --format '{{.Hostname}} {{.Status}}' 2>/dev/null | grep -qx "${HNAME[$H]} Ready"; then ok=; fi
                      done
                    fi
                    if [ -n "$ok" ]; then return 0; fi
                    sleep 0.5
                  done
                  echo "the swarm did not settle in 60 s" >&2
                }
                trap 'rc=$?; set +e; docker_down; (exit $rc); teardown' EXIT

                # image REF busybox|gnu ENTRYPOINT CMD [EXPOSE...]: a stand-in for REF from this machine's busybox
                # (with the libraries it needs), with REF's entrypoint, command and exposed ports. A web server image's
                # programs (nginx, httpd, docker-entrypoint.sh, ...) are sh scripts running busybox httpd on
                # port 80 with the emulated site's index page; a database's just wait.
                image() {
                  local ref=$1 gnu=$2 ep=$3 cmd=$4 root="$DD/img-root"
                  shift 4
                  rm -rf "$root"
                  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/usr/share/nginx/html" \\
                    "$root/usr/local/apache2/htdocs" "$root/usr/local/bin" "$root/usr/sbin"
                  cp "$(command -v busybox)" "$root/bin/busybox"
                  for lib in $(ldd "$(command -v busybox)" 2>/dev/null | grep -o '/[^ ]*'); do
                    mkdir -p "$root$(dirname "$lib")"
                    cp -L "$lib" "$root$lib"
                  done
                  for a in $("$root/bin/busybox" --list); do [ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"; done
                  if [ "$gnu" = gnu ]; then
                    # A Debian-based image: this machine's iputils ping, iproute2 ip and curl (the emulated
                    # image's tools are GNU's), with their libraries, ahead of BusyBox's in PATH.
                    local tool lib
                    for tool in ping ip curl; do
                      tool=$(command -v "$tool") || continue
                      mkdir -p "$root/usr/bin"
                      cp -L "$tool" "$root/usr/bin/"
                      for lib in $(ldd "$tool" 2>/dev/null | grep -o '/[^ ]*'); do
                        mkdir -p "$root$(dirname "$lib")"
                        cp -L "$lib" "$root$lib"
                      done
                    done
                  fi
                  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
                  local web='#!/bin/sh\\nexec httpd -f -p 80 -h /usr/share/nginx/html\\n'
                  local idle='#!/bin/sh\\nexec sleep 2147483647\\n'
                  printf '%s' "$INDEX_NGINX" >"$root/usr/share/nginx/html/index.html"
                  for p in /docker-entrypoint.sh /usr/sbin/nginx /usr/local/bin/httpd-foreground \\
                           /usr/local/bin/apache2-foreground; do
                    printf "$web" >"$root$p"
                    chmod +x "$root$p"
                  done
                  case "$ref" in
                    mysql*) printf "$idle" >"$root/usr/local/bin/docker-entrypoint.sh" ;;
                    *) printf "$web" >"$root/usr/local/bin/docker-entrypoint.sh" ;;
                  esac
                  chmod +x "$root/usr/local/bin/docker-entrypoint.sh"
                  local changes=(-c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')
                  if [ -n "$ep" ]; then changes+=(-c "ENTRYPOINT $ep"); fi
                  if [ -n "$cmd" ]; then changes+=(-c "CMD $cmd"); fi
                  for port in "$@"; do changes+=(-c "EXPOSE $port"); done
                  tar -C "$root" -c . | D import "${changes[@]}" - "$ref" >/dev/null
                  rm -rf "$root"
                }

                # realcaps: tcpdump on every interface of the Docker host and of its containers that has
                # none yet, named as RealDockerTier names the emulated ones: docker0, br:NETWORK,
                # veth:CONTAINER:IF (the host side of CONTAINER's IF), CONTAINER:IF.
                declare -A RCAP=()
                rcap() {
                  [ -z "${RCAP[$1]:-}" ] || return 0
                  RCAP[$1]=1
                  cap_at "$2" "$3" "$(printf '%s' "$4" | tr -c 'A-Za-z0-9_.-' '_')" "$4"
                  RSTARTED=1
                }
                realcaps() {
                  if [ "${#DOCKERD[@]}" -gt 1 ]; then realcaps_hosts; return; fi
                  RSTARTED=
                  local hostns="/var/run/netns/${P}host" c name key idx ifc peer dev
                  declare -A NET=() PEER=()
                  while read -r idx name; do NET[br-${idx:0:12}]=$name; done < <(D network ls --no-trunc --format '{{.ID}} {{.Name}}')
                  for c in $(D ps -q); do
                    name=$(D inspect -f '{{.Name}}' "$c"); name=${name#/}
                    key=$(D inspect -f '{{.NetworkSettings.SandboxKey}}' "$c")
                    if [ -z "$key" ] || [ ! -e "$key" ]; then continue; fi
                    if [ -z "${RCAP[rmem/$c]:-}" ]; then
                      # TCP buffers as netns_add gives the script's own namespaces (window scale 7, not 10).
                      nsenter --net="$key" sysctl -qw "net.ipv4.tcp_rmem=4096 131072 6291456"
                      RCAP[rmem/$c]=1
                    fi
                    while read -r idx ifc peer; do
                      rcap "$c/$ifc" "$key" "$ifc" "$name:$ifc"
                      PEER[$peer]="veth:$name:$ifc"
                    done < <(nsenter --net="$key" ip -o link show | sed -n 's/^\\([0-9]*\\): \\([^@:]*\\)@if\\([0-9]*\\):.*/\\1 \\2 \\3/p')
                  done
                  while read -r idx dev; do
                    case "$dev" in
                      docker0) rcap "host/$dev" "$hostns" "$dev" docker0 ;;
                      br-*) rcap "host/$dev" "$hostns" "$dev" "br:${NET[$dev]:-$dev}" ;;
                      veth*) if [ -n "${PEER[$idx]:-}" ]; then rcap "host/$dev/${PEER[$idx]}" "$hostns" "$dev" "${PEER[$idx]}"; fi ;;
                    esac
                  done < <(ip -n "${P}host" -o link show | sed -n 's/^\\([0-9]*\\): \\([^@:]*\\).*/\\1 \\2/p')
                  if [ -n "$RSTARTED" ]; then sleep 1; fi
                }

                # Several Docker hosts: HOST:docker0, HOST:br:NETWORK, an overlay's bridge and vxlan device as
                # HOST/ov:NETWORK:br0 and HOST/ov:NETWORK:vxlan0, its load-balancer sandbox as HOST/lb:NETWORK:IF,
                # HOST/ingress_sbox:IF, and CONTAINER:IF. The veth ends in the hosts' and overlays' namespaces
                # are not captured: each carries what its sandbox's end carries.
                links() { nsenter --net="$1" ip -o link show 2>/dev/null | sed -n 's/^[0-9]*: \\([^@:]*\\).*/\\1/p' | grep -vx lo; }
                realcaps_hosts() {
                  RSTARTED=
                  local h hn hostns c name key dev f b id
                  for ((h = 1; h <= ${#DOCKERD[@]}; h++)); do
                    hn=${HNAME[$h]}
                    hostns="/var/run/netns/${P}${HNS[$h]}"
                    declare -A NET=()
                    while read -r id name; do
                      NET[br-${id:0:12}]=$name; NET[1-${id:0:10}]=$name; NET[lb_${id:0:9}]=$name
                    done < <(H=$h D network ls --no-trunc --format '{{.ID}} {{.Name}}')
                    for c in $(H=$h D ps -q); do
                      name=$(H=$h D inspect -f '{{.Name}}' "$c") || continue
                      name=${name#/}
                      key=$(H=$h D inspect -f '{{.NetworkSettings.SandboxKey}}' "$c") || continue
                      if [ -z "$key" ] || [ ! -e "$key" ]; then continue; fi
                      if [ -z "${RCAP[rmem/$c]:-}" ]; then
                        nsenter --net="$key" sysctl -qw "net.ipv4.tcp_rmem=4096 131072 6291456"
                        RCAP[rmem/$c]=1
                      fi
                      for dev in $(links "$key"); do rcap "$c/$dev" "$key" "$dev" "$name:$dev"; done
                    done
                    for dev in $(links "$hostns"); do
                      case "$dev" in
                        docker0) rcap "$hn/$dev" "$hostns" "$dev" "$hn:docker0" ;;
                        docker_gwbridge) rcap "$hn/$dev" "$hostns" "$dev" "$hn:br:docker_gwbridge" ;;
                        br-*) rcap "$hn/$dev" "$hostns" "$dev" "$hn:br:${NET[$dev]:-$dev}" ;;
                      esac
                    done
                    for f in "$DD/$h/exec/netns"/*; do
                      [ -e "$f" ] || continue
                      b=${f##*/}
                      for dev in $(links "$f"); do
                        case "$b/$dev" in
                          1-*/br0 | 1-*/vxlan0) rcap "$f/$dev" "$f" "$dev" "$hn/ov:${NET[$b]:-$b}:$dev" ;;
                          lb_*) rcap "$f/$dev" "$f" "$dev" "$hn/lb:${NET[$b]:-$b}:$dev" ;;
                          ingress_sbox/*) rcap "$f/$dev" "$f" "$dev" "$hn/ingress_sbox:$dev" ;;
                        esac
                      done
                    done
                  done
                  if [ -n "$RSTARTED" ]; then sleep 1; fi
                }

                # settle_networks: a swarm node drops an overlay it no longer uses, and a manager a removed
                # network, a moment after the command returns (dockwire's at once): the next line waits
                # until this host's network list has stayed the same for a second.
                settle_networks() {
                  local prev cur
                  prev=$(D network ls -q 2>/dev/null) || true
                  for _ in $(seq 20); do
                    sleep 1
                    cur=$(D network ls -q 2>/dev/null) || true
                    if [ "$cur" = "$prev" ]; then return 0; fi
                    prev=$cur
                  done
                }

                # begin N TYPED: the scenario's Nth command (TYPED as dockwire's transcript shows it) starts.
                begin() { N=$1; : >"$OUT/t/$N.out"; printf '%s\\n' "$2" >"$OUT/t/$N.cmd"; }
                # run CMD...: its stdout, then its stderr (dockwire's transcript order), and its exit status.
                run() {
                  local rc=0
                  "$@" >"$OUT/t/$N.o" 2>"$OUT/t/$N.e" </dev/null || rc=$?
                  cat "$OUT/t/$N.o" "$OUT/t/$N.e" >>"$OUT/t/$N.out"
                  rm -f "$OUT/t/$N.o" "$OUT/t/$N.e"
                  echo "$rc" >"$OUT/t/$N.rc"
                }
                # skip REASON: this command's output is not compared, for REASON.
                skip() { printf '%s\\n' "$1" >>"$OUT/t/$N.skip"; }
                # have CMD: whether this machine has CMD; if not the command is not compared.
                have() { command -v "$1" >/dev/null 2>&1 || { skip "$1 is not installed on this machine"; return 1; }; }
                """ + "INDEX_NGINX=" + Scope.quote(io.dockwire.apps.Site.NGINX_INDEX) + "\n";
    }

    /** The rule listings' file name prefix for Docker host {@code h} (from 0): none for the first. */
    static String rulesPrefix(int h, String ns) {
        return h == 0 ? "" : ns + ".";
    }

    /** {@code hosts}: the Docker hosts' namespaces (script names), the first one's rules as before. */
    static String footer(java.util.List<String> hosts) {
        StringBuilder rules = new StringBuilder();
        for (int h = 0; h < hosts.size(); h++) {
            String ns = hosts.get(h);
            String f = "\"$OUT/" + rulesPrefix(h, ns) + "iptables-";
            String in = "ip netns exec \"${P}" + ns + "\" iptables ";
            rules.append(in).append("-S >").append(f).append("S.txt\"\n")
                    .append(in).append("-t nat -S >").append(f).append("nat-S.txt\"\n")
                    .append(in).append("-L -n -v -x >").append(f).append("filter.txt\"\n")
                    .append(in).append("-t nat -L -n -v -x >").append(f).append("nat.txt\"\n");
        }
        return """

                # The end: late frames (ARP probes, closing handshakes), the hosts' rules, the captures stopped.
                if [ ${#CAPS[@]} -gt 0 ]; then sleep "$SETTLE"; fi
                """ + rules + """
                for pid in "${CAPS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
                for pid in "${CAPS[@]}"; do wait "$pid" 2>/dev/null || true; done
                CAPS=()
                echo "real Docker run in $OUT" >&2
                """;
    }
}
