package io.dockwire.docker;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of {@code docker inspect CONTAINER} in one engine version: which keys each object
 * has, in the order that version's Go structs declare them. An ordered map gives a key's place
 * and, for a field dockwire does not model, the value that version prints; a field the container
 * has a value for (its spec, state or endpoints) is filled from it and its default is ignored.
 *
 * @param top                the container object: Id ... NetworkSettings
 * @param hostConfig         HostConfig
 * @param networkSettings    NetworkSettings (all its keys are modelled)
 * @param endpoint           one NetworkSettings.Networks entry (DNSNames only where listed)
 * @param defaultNetworkMode HostConfig.NetworkMode when docker run had no --network
 */
public record InspectLayout(Map<String, Object> top, Map<String, Object> hostConfig, List<String> networkSettings,
                            List<String> endpoint, String defaultNetworkMode) {

    /** Docker 27.2 as dockwire has always printed it. */
    public static final InspectLayout DOCKER_27 = new InspectLayout(
            keys("Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath", "HostsPath",
                    "LogPath", "Name", "RestartCount", "Driver", "Platform", "HostConfig", "Config", "NetworkSettings"),
            keys("NetworkMode", "PortBindings", "AutoRemove", "Links", "PublishAllPorts"),
            List.of("Bridge", "SandboxID", "SandboxKey", "Ports", "HairpinMode", "LinkLocalIPv6Address",
                    "LinkLocalIPv6PrefixLen", "SecondaryIPAddresses", "SecondaryIPv6Addresses", "EndpointID", "Gateway",
                    "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPAddress", "IPPrefixLen", "IPv6Gateway", "MacAddress",
                    "Networks"),
            List.of("IPAMConfig", "Links", "Aliases", "MacAddress", "DriverOpts", "NetworkID", "EndpointID", "Gateway",
                    "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "DNSNames"),
            "bridge");

    /**
     * Docker 20.10 (API 1.41), as a real 20.10.24 printed it for {@code docker run -dit busybox}:
     * the security labels, ExecIDs, GraphDriver and Mounts at the top, the whole HostConfig struct,
     * NetworkSettingsBase's order, and EndpointSettings without DNSNames.
     */
    public static final InspectLayout DOCKER_20_10 = new InspectLayout(
            ordered("Id", null, "Created", null, "Path", null, "Args", null, "State", null, "Image", null,
                    "ResolvConfPath", null, "HostnamePath", null, "HostsPath", null, "LogPath", null, "Name", null,
                    "RestartCount", null, "Driver", null, "Platform", null, "MountLabel", "", "ProcessLabel", "",
                    "AppArmorProfile", "", "ExecIDs", null, "HostConfig", null, "GraphDriver", null, "Mounts", List.of(),
                    "Config", null, "NetworkSettings", null),
            hostConfig2010(),
            List.of("Bridge", "SandboxID", "HairpinMode", "LinkLocalIPv6Address", "LinkLocalIPv6PrefixLen", "Ports",
                    "SandboxKey", "SecondaryIPAddresses", "SecondaryIPv6Addresses", "EndpointID", "Gateway",
                    "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPAddress", "IPPrefixLen", "IPv6Gateway", "MacAddress",
                    "Networks"),
            List.of("IPAMConfig", "Links", "Aliases", "NetworkID", "EndpointID", "Gateway", "IPAddress", "IPPrefixLen",
                    "IPv6Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "MacAddress", "DriverOpts"),
            "default");

    public InspectLayout {
        top = Collections.unmodifiableMap(new LinkedHashMap<>(top));
        hostConfig = Collections.unmodifiableMap(new LinkedHashMap<>(hostConfig));
        networkSettings = List.copyOf(networkSettings);
        endpoint = List.copyOf(endpoint);
    }

    /** 20.10's container.HostConfig with the daemon's defaults on a cgroup-v1 Linux host. */
    private static Map<String, Object> hostConfig2010() {
        return ordered("Binds", null, "ContainerIDFile", "",
                "LogConfig", ordered("Type", "json-file", "Config", Map.of()),
                "NetworkMode", null, "PortBindings", null,
                "RestartPolicy", ordered("Name", "no", "MaximumRetryCount", 0),
                "AutoRemove", null, "VolumeDriver", "", "VolumesFrom", null, "CapAdd", null, "CapDrop", null,
                // 20.10's dockerd defaults --default-cgroupns-mode to "private" on a cgroup-v2 host and to
                // "host" on cgroup v1. The host the profile was recorded on is cgroup v1 (its docker info:
                // "Cgroup Version: 1"), and so is the Docker host dockwire emulates for this profile: "host".
                "CgroupnsMode", "host",
                "Dns", List.of(), "DnsOptions", List.of(), "DnsSearch", List.of(), "ExtraHosts", null,
                "GroupAdd", null, "IpcMode", "private", "Cgroup", "", "Links", null, "OomScoreAdj", 0, "PidMode", "",
                "Privileged", false, "PublishAllPorts", null, "ReadonlyRootfs", false, "SecurityOpt", null,
                "UTSMode", "", "UsernsMode", "", "ShmSize", 67108864, "Runtime", "runc", "ConsoleSize", List.of(0, 0),
                "Isolation", "", "CpuShares", 0, "Memory", 0, "NanoCpus", 0, "CgroupParent", "", "BlkioWeight", 0,
                "BlkioWeightDevice", List.of(), "BlkioDeviceReadBps", null, "BlkioDeviceWriteBps", null,
                "BlkioDeviceReadIOps", null, "BlkioDeviceWriteIOps", null, "CpuPeriod", 0, "CpuQuota", 0,
                "CpuRealtimePeriod", 0, "CpuRealtimeRuntime", 0, "CpusetCpus", "", "CpusetMems", "",
                "Devices", List.of(), "DeviceCgroupRules", null, "DeviceRequests", null, "KernelMemory", 0,
                "KernelMemoryTCP", 0, "MemoryReservation", 0, "MemorySwap", 0, "MemorySwappiness", null,
                "OomKillDisable", false, "PidsLimit", null, "Ulimits", null, "CpuCount", 0, "CpuPercent", 0,
                "IOMaximumIOps", 0, "IOMaximumBandwidth", 0,
                "MaskedPaths", List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware"),
                "ReadonlyPaths", List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"));
    }

    /** Keys whose values all come from the container. */
    private static Map<String, Object> keys(String... names) {
        Map<String, Object> m = new LinkedHashMap<>();
        Arrays.stream(names).forEach(k -> m.put(k, null));
        return m;
    }

    /** key, value, key, value ... in order (Map.of has none; nulls allowed). */
    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
