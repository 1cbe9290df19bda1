package io.dockwire.docker.cli;

import io.dockwire.docker.Profile;
import java.util.List;
import java.util.Map;

/**
 * What {@code docker version} and {@code docker info} report that is not the host's: the versions,
 * commits and build dates of the packages Docker's own apt repository shipped for each profile
 * (docker-ce, docker-ce-cli, containerd.io, docker-buildx-plugin, docker-compose-plugin), the
 * daemon's fixed lists, and the differences between the two CLIs' layouts. One value per
 * profile, looked up by the profile's version.
 */
final class SystemReleases {
    /** A server component after the Engine in {@code docker version} (Details: GitCommit only). */
    record Component(String name, String version, String gitCommit) {
    }

    /** A CLI plugin as {@code docker info} lists it under Client. */
    record Plugin(String name, String shortDescription, String vendor, String version, String path) {
    }

    /**
     * One Docker release as installed from Docker's repository.
     *
     * @param platform          version.PlatformName of Docker's builds ("Docker Engine - Community")
     * @param version           docker-ce-cli and docker-ce version (the same for both)
     * @param apiVersion        the API version client and daemon speak
     * @param minApiVersion     the daemon's minimum API version
     * @param goVersion         the Go both binaries were built with
     * @param clientCommit      docker/cli's short commit
     * @param clientBuilt       the client's build time as the CLI prints it (time.ANSIC)
     * @param engineCommit      moby's short commit
     * @param engineBuilt       the daemon's build time as the CLI prints it (time.ANSIC)
     * @param engineBuiltRaw    the daemon's BuildTime as the API returns it (RFC 3339), for -f
     * @param components        containerd, runc, docker-init: version and GitCommit
     * @param plugins           the CLI plugins of the docker-buildx-plugin and docker-compose-plugin packages
     * @param driverStatus      the overlay2 driver's Status() lines
     * @param runtimes          the Runtimes line's names, in the order printed (Go ranges over a map:
     *                          the real order varies between runs; this is one order a real one printed)
     * @param logDrivers        the Log plugins line
     * @param seccompProfile    the seccomp security option's profile name
     * @param uuidId            the daemon ID is a UUID (moby 23+); else a libtrust key ID (XXXX:XXXX:... x12)
     * @param clientExperimental docker version prints the client's {@code Experimental: true} (docker/cli 20.10)
     * @param infoClientVersion docker info's Client section has the platform name and a Version line (docker/cli 24+)
     * @param pluginLines       plugins listed as a name line plus Version and Path lines (docker/cli 24+);
     *                          else {@code name: description (vendor, version)} on one line
     * @param registryLine      docker info prints {@code Registry:} and an (empty) {@code Labels:} (docker/cli 20.10)
     */
    record Release(String platform, String version, String apiVersion, String minApiVersion, String goVersion,
                   String clientCommit, String clientBuilt, String engineCommit, String engineBuilt,
                   String engineBuiltRaw, List<Component> components, List<Plugin> plugins,
                   List<List<String>> driverStatus, List<String> runtimes, String logDrivers, String seccompProfile,
                   boolean uuidId, boolean clientExperimental, boolean infoClientVersion, boolean pluginLines,
                   boolean registryLine) {
    }

    private static final String PLUGINS = "/usr/libexec/docker/cli-plugins/";

    /**
     * Docker 27.2.1 (released 2024-09-09).
     * - Commits 9e34c9b / 8b539b8, go1.22.7, both built "Fri Sep  6 12:08:06 2024", containerd
     *   1.7.21 (472731909fa34bd7bc9c087e4c27943f9835f111), runc 1.1.13 (v1.1.13-0-g58aa920),
     *   docker-init 0.19.0 (de40ad0), API 1.47 (minimum 1.24): a real `docker version` of
     *   docker-ce 27.2.1 on linux/amd64 (found with the search tool). Go 1.22.7 and containerd
     *   v1.7.21 agree with moby v27.2.1's Dockerfile (GO_VERSION, CONTAINERD_VERSION); its
     *   RUNC_VERSION says v1.1.14, but containerd.io 1.7.21 packages runc 1.1.13, as printed.
     * - buildx v0.16.2 and compose v2.29.2 with paths under /usr/libexec/docker/cli-plugins: real
     *   `docker info` outputs of docker-ce 27.2.x (the plugin packages current in September 2024).
     * - Not confirmed: the engine's BuildTime sub-second digits for -f (.Server.BuildTime), shown
     *   here as .000000000.
     * - Layout: docker/cli v27.2.1 cli/command/system/version.go and info.go; overlay2 Status()
     *   and the log drivers: moby v27.2.1 (logentries was removed in 25.0); io.containerd.runc.v2
     *   and runc are the runtimes since 23.0; seccomp's profile reads "builtin" since 23.0.
     */
    static final Release DOCKER_27 = new Release("Docker Engine - Community", "27.2.1", "1.47", "1.24", "go1.22.7",
            "9e34c9b", "Fri Sep  6 12:08:06 2024", "8b539b8", "Fri Sep  6 12:08:06 2024",
            "2024-09-06T12:08:06.000000000+00:00",
            List.of(new Component("containerd", "1.7.21", "472731909fa34bd7bc9c087e4c27943f9835f111"),
                    new Component("runc", "1.1.13", "v1.1.13-0-g58aa920"),
                    new Component("docker-init", "0.19.0", "de40ad0")),
            List.of(new Plugin("buildx", "Docker Buildx", "Docker Inc.", "v0.16.2", PLUGINS + "docker-buildx"),
                    new Plugin("compose", "Docker Compose", "Docker Inc.", "v2.29.2", PLUGINS + "docker-compose")),
            List.of(List.of("Backing Filesystem", "extfs"), List.of("Supports d_type", "true"),
                    List.of("Using metacopy", "false"), List.of("Native Overlay Diff", "true"),
                    List.of("userxattr", "false")),
            List.of("io.containerd.runc.v2", "runc"),
            "awslogs fluentd gcplogs gelf journald json-file local splunk syslog", "builtin",
            true, false, true, true, false);

    /**
     * Docker 20.10.24 (released 2023-04-04).
     * - Commits 297e128 / 5d6db84, go1.19.7, client built "Tue Apr  4 18:21:05 2023", engine
     *   built "Tue Apr  4 18:18:48 2023", containerd 1.6.20 (2806fc1057397dbaeefbea0e4e17bddfbd388f38):
     *   a real `docker version` of docker-ce 20.10.24 on linux/amd64 ("Docker Engine - Community"
     *   on both sides; found with the search tool). go1.19.7 agrees with moby v20.10.24's Dockerfile.
     * - runc 1.1.5 (v1.1.5-0-gf19387a) and docker-init 0.19.0 (de40ad0): Docker's docs show them
     *   beside that same containerd 1.6.20 (containerd.io of April 2023, the docker version example
     *   of 23.0.3, built the same day); the 20.10.24 output found was cut before runc.
     * - buildx v0.10.4 and compose v2.17.2: the plugin packages current when 20.10.24 came out
     *   (real `docker info` outputs of that era print exactly these two lines). Not confirmed for
     *   a docker-ce 20.10.24 host: which plugins were installed (docker-scan-plugin may be too).
     * - Not confirmed: the engine's BuildTime sub-second digits for -f (.Server.BuildTime).
     * - Layout: the 20.10.24 CLI measured on this machine (/tmp/real2010 report, c2) and docker/cli
     *   v20.10.24's version.go and info.go; overlay2 Status() (4 lines) from moby v20.10.24; the
     *   runtimes line is the measured one; "Native Overlay Diff: true" assumes the kernel has no
     *   overlay redirect_dir by default, as Debian's (not measured).
     */
    static final Release DOCKER_20_10 = new Release("Docker Engine - Community", "20.10.24", "1.41", "1.12",
            "go1.19.7", "297e128", "Tue Apr  4 18:21:05 2023", "5d6db84", "Tue Apr  4 18:18:48 2023",
            "2023-04-04T18:18:48.000000000+00:00",
            List.of(new Component("containerd", "1.6.20", "2806fc1057397dbaeefbea0e4e17bddfbd388f38"),
                    new Component("runc", "1.1.5", "v1.1.5-0-gf19387a"),
                    new Component("docker-init", "0.19.0", "de40ad0")),
            List.of(new Plugin("buildx", "Docker Buildx", "Docker Inc.", "v0.10.4", PLUGINS + "docker-buildx"),
                    new Plugin("compose", "Docker Compose", "Docker Inc.", "v2.17.2", PLUGINS + "docker-compose")),
            List.of(List.of("Backing Filesystem", "extfs"), List.of("Supports d_type", "true"),
                    List.of("Native Overlay Diff", "true"), List.of("userxattr", "false")),
            List.of("io.containerd.runc.v2", "io.containerd.runtime.v1.linux", "runc"),
            "awslogs fluentd gcplogs gelf journald json-file local logentries splunk syslog", "default",
            false, true, false, false, true);

    private static final Map<String, Release> BY_VERSION = Map.of(
            Profile.DOCKER_27.version(), DOCKER_27, Profile.DOCKER_20_10.version(), DOCKER_20_10);

    private SystemReleases() {
    }

    static Release of(Profile p) {
        Release r = BY_VERSION.get(p.version());
        if (r == null) {
            throw new Unsupported("docker version/info of Docker " + p.version() + " is not emulated");
        }
        return r;
    }
}
