package io.dockwire.apps;

import org.junit.jupiter.api.Test;

class HttpProbeTest {
    @Test
    void probe() {
        World w = new World(1);
        HttpServer.start(w.k, "c1", Site.NGINX);
        AppProcess p = w.run("ext", AppEnv.gnu(), "curl -s -I http://192.168.1.10:8080/");
        System.out.println(p.stdout() + "|" + p.stderr() + p.exitCode() + " t=" + w.now());
        w.k.sim().runUntil(w.now() + 1_000_000_000L);
        System.out.println(w.sink.summaries("vethc1"));
        p = w.run("c2", AppEnv.gnu(), "curl http://172.17.0.2:81/");
        System.out.println(p.stdout() + "|" + p.stderr() + p.exitCode() + " t=" + w.now());
        p = w.run("c2", AppEnv.busybox(), "wget http://172.17.0.2/");
        System.out.println(p.stdout() + "|" + p.stderr() + p.exitCode() + " t=" + w.now() + p.files().keySet());
        w.sh(null, "iptables -I DOCKER-USER -p tcp --dport 80 -j DROP");
        p = w.run("ext", AppEnv.gnu(), "curl -m 2 http://192.168.1.10:8080/");
        System.out.println(p.stdout() + "|" + p.stderr() + p.exitCode() + " t=" + w.now());
        p = w.run("ext", AppEnv.gnu(), "curl http://192.168.1.10:8080/");
        System.out.println(p.stdout() + "|" + p.stderr() + p.exitCode() + " t=" + w.now());
    }
}
