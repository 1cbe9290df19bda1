package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.docker.Profile;
import org.junit.jupiter.api.Test;

/**
 * docker version, docker info (and docker system info) with and without -f, for both profiles:
 * the whole text as the profile's CLI prints it for the emulated host (docker/cli
 * cli/command/system/version.go and info.go of v27.2.1 and v20.10.24).
 */
class DockerSystemCommandsTest {
    private static final String SETUP = "docker run -dit --name c1 busybox\ndocker run --name c2 busybox\n";

    /** What {@code line}, run after {@link #SETUP}, printed: the transcript after its (last) command line. */
    private static String of(Profile p, String line) {
        String t = Docker2010ProfileTest.run(p, SETUP + line + "\n");
        int at = t.lastIndexOf("\n$ docker ");
        assertTrue(at >= 0 && t.substring(at + 3).startsWith("docker " + line.split(" ")[1]), t);
        return t.substring(t.indexOf('\n', at + 1) + 1);
    }

    @Test
    void version27() {
        assertEquals("""
                Client: Docker Engine - Community
                 Version:           27.2.1
                 API version:       1.47
                 Go version:        go1.22.7
                 Git commit:        9e34c9b
                 Built:             Fri Sep  6 12:08:06 2024
                 OS/Arch:           linux/amd64
                 Context:           default

                Server: Docker Engine - Community
                 Engine:
                  Version:          27.2.1
                  API version:      1.47 (minimum version 1.24)
                  Go version:       go1.22.7
                  Git commit:       8b539b8
                  Built:            Fri Sep  6 12:08:06 2024
                  OS/Arch:          linux/amd64
                  Experimental:     false
                 containerd:
                  Version:          1.7.21
                  GitCommit:        472731909fa34bd7bc9c087e4c27943f9835f111
                 runc:
                  Version:          1.1.13
                  GitCommit:        v1.1.13-0-g58aa920
                 docker-init:
                  Version:          0.19.0
                  GitCommit:        de40ad0
                """, of(Profile.DOCKER_27, "docker version"));
    }

    @Test
    void version2010() {
        assertEquals("""
                Client: Docker Engine - Community
                 Version:           20.10.24
                 API version:       1.41
                 Go version:        go1.19.7
                 Git commit:        297e128
                 Built:             Tue Apr  4 18:21:05 2023
                 OS/Arch:           linux/amd64
                 Context:           default
                 Experimental:      true

                Server: Docker Engine - Community
                 Engine:
                  Version:          20.10.24
                  API version:      1.41 (minimum version 1.12)
                  Go version:       go1.19.7
                  Git commit:       5d6db84
                  Built:            Tue Apr  4 18:18:48 2023
                  OS/Arch:          linux/amd64
                  Experimental:     false
                 containerd:
                  Version:          1.6.20
                  GitCommit:        2806fc1057397dbaeefbea0e4e17bddfbd388f38
                 runc:
                  Version:          1.1.5
                  GitCommit:        v1.1.5-0-gf19387a
                 docker-init:
                  Version:          0.19.0
                  GitCommit:        de40ad0
                """, of(Profile.DOCKER_20_10, "docker version"));
    }

    @Test
    void info27() {
        assertEquals("""
                Client: Docker Engine - Community
                 Version:    27.2.1
                 Context:    default
                 Debug Mode: false
                 Plugins:
                  buildx: Docker Buildx (Docker Inc.)
                    Version:  v0.16.2
                    Path:     /usr/libexec/docker/cli-plugins/docker-buildx
                  compose: Docker Compose (Docker Inc.)
                    Version:  v2.29.2
                    Path:     /usr/libexec/docker/cli-plugins/docker-compose

                Server:
                 Containers: 2
                  Running: 1
                  Paused: 0
                  Stopped: 1
                 Images: 1
                 Server Version: 27.2.1
                 Storage Driver: overlay2
                  Backing Filesystem: extfs
                  Supports d_type: true
                  Using metacopy: false
                  Native Overlay Diff: true
                  userxattr: false
                 Logging Driver: json-file
                 Cgroup Driver: systemd
                 Cgroup Version: 2
                 Plugins:
                  Volume: local
                  Network: bridge host ipvlan macvlan null overlay
                  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog
                 Swarm: inactive
                 Runtimes: io.containerd.runc.v2 runc
                 Default Runtime: runc
                 Init Binary: docker-init
                 containerd version: 472731909fa34bd7bc9c087e4c27943f9835f111
                 runc version: v1.1.13-0-g58aa920
                 init version: de40ad0
                 Security Options:
                  apparmor
                  seccomp
                   Profile: builtin
                  cgroupns
                 Kernel Version: 6.1.0-25-amd64
                 Operating System: Debian GNU/Linux 12 (bookworm)
                 OSType: linux
                 Architecture: x86_64
                 CPUs: 2
                 Total Memory: 7.755GiB
                 Name: docker-host
                 ID: 7ea5c0d1-7bcf-4491-83e8-f0bb61b90654
                 Docker Root Dir: /var/lib/docker
                 Debug Mode: false
                 Experimental: false
                 Insecure Registries:
                  127.0.0.0/8
                 Live Restore Enabled: false

                """, of(Profile.DOCKER_27, "docker info"));
    }

    @Test
    void info2010() {
        String expected = """
                Client:
                 Context:    default
                 Debug Mode: false
                 Plugins:
                  buildx: Docker Buildx (Docker Inc., v0.10.4)
                  compose: Docker Compose (Docker Inc., v2.17.2)

                Server:
                 Containers: 2
                  Running: 1
                  Paused: 0
                  Stopped: 1
                 Images: 1
                 Server Version: 20.10.24
                 Storage Driver: overlay2
                  Backing Filesystem: extfs
                  Supports d_type: true
                  Native Overlay Diff: true
                  userxattr: false
                 Logging Driver: json-file
                 Cgroup Driver: systemd
                 Cgroup Version: 2
                 Plugins:
                  Volume: local
                  Network: bridge host ipvlan macvlan null overlay
                  Log: awslogs fluentd gcplogs gelf journald json-file local logentries splunk syslog
                 Swarm: inactive
                 Runtimes: io.containerd.runc.v2 io.containerd.runtime.v1.linux runc
                 Default Runtime: runc
                 Init Binary: docker-init
                 containerd version: 2806fc1057397dbaeefbea0e4e17bddfbd388f38
                 runc version: v1.1.5-0-gf19387a
                 init version: de40ad0
                 Security Options:
                  apparmor
                  seccomp
                   Profile: default
                  cgroupns
                 Kernel Version: 6.1.0-25-amd64
                 Operating System: Debian GNU/Linux 12 (bookworm)
                 OSType: linux
                 Architecture: x86_64
                 CPUs: 2
                 Total Memory: 7.755GiB
                 Name: docker-host
                 ID: K7MT:UH23:GPOL:AWZP:53PV:I6FY:SBVW:HCUE:GZJL:AJHA:PA4W:E54W
                 Docker Root Dir: /var/lib/docker
                 Debug Mode: false
                 Registry: https://index.docker.io/v1/
                 Labels:
                 Experimental: false
                 Insecure Registries:
                  127.0.0.0/8
                 Live Restore Enabled: false

                """;
        assertEquals(expected, of(Profile.DOCKER_20_10, "docker info"));
        assertEquals(expected, of(Profile.DOCKER_20_10, "docker system info"));
    }

    @Test
    void formatTemplates() {
        // the template real 20.10's CLI ran on this machine (/tmp/real2010, its CLI side by side)
        assertEquals("20.10.24 1.41 / 20.10.24\n", of(Profile.DOCKER_20_10,
                "docker version --format '{{.Client.Version}} {{.Client.APIVersion}} / {{.Server.Version}}'"));
        assertEquals("27.2.1\n", of(Profile.DOCKER_27, "docker version -f '{{.Server.Version}}'"));
        assertEquals("2 1 1 overlay2 inactive docker-host\n", of(Profile.DOCKER_27,
                "docker info -f '{{.Containers}} {{.ContainersRunning}} {{.Images}} {{.Driver}} "
                        + "{{.Swarm.LocalNodeState}} {{.Name}}'"));
        assertEquals("Engine=27.2.1 containerd=1.7.21 runc=1.1.13 docker-init=0.19.0 \n", of(Profile.DOCKER_27,
                "docker version -f '{{range .Server.Components}}{{.Name}}={{.Version}} {{end}}'"));
    }
}
