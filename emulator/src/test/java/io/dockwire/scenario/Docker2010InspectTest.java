package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.docker.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * docker inspect CONTAINER under the docker-20.10 profile against what a real Docker 20.10.24
 * printed (the recording in /tmp/real2010, report section b): the same keys in the same order,
 * the same values but for ids, times and the pid.
 */
class Docker2010InspectTest {
    private static String run(Profile profile, String text) {
        return Docker2010ProfileTest.run(profile, text);
    }

    /** What the last command printed. */
    private static String last(String transcript) {
        int at = transcript.lastIndexOf("\n$ ");
        return transcript.substring(transcript.indexOf('\n', at + 1) + 1);
    }

    /** Ids, times and the pid, which differ between any two runs, as placeholders. */
    private static String normalised(String s) {
        return s.replaceAll("[0-9a-f]{64}", "<id>").replaceAll("\\b[0-9a-f]{12}\\b", "<short>")
                .replaceAll("20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>").replaceAll("\"Pid\": \\d+", "\"Pid\": <pid>");
    }

    /**
     * The recording, made with {@code --data-root}, {@code --exec-root} and {@code --storage-driver
     * vfs} (report: "not differences"), with the default directories and overlay2 put back.
     */
    private static String real(String resource) throws IOException {
        try (InputStream in = Docker2010InspectTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("/tmp/real2010/d/data/", "/var/lib/docker/")
                    .replace("/tmp/real2010/d/exec/", "/var/run/docker/").replace("\"vfs\"", "\"overlay2\"");
        }
    }

    @Test
    void aDetachedShellOnTheDefaultBridgeIsInspectedAsTwentyTenDoes() throws IOException {
        String t = run(Profile.DOCKER_20_10, "docker run -dit --name c1 busybox\ndocker inspect c1\n");
        String out = last(t);
        assertEquals(normalised(real("inspect-c1-real-20.10.json")), normalised(out));
        // What the placeholders hide: the hostname and sandbox key are the ids' first 12 hex.
        String id = out.substring(out.indexOf("\"Id\": \"") + 7, out.indexOf("\"Id\": \"") + 71);
        assertTrue(out.contains("\"Hostname\": \"" + id.substring(0, 12) + "\""), out);
    }

    @Test
    void runNetworkThenConnectBridge() {
        String t = run(Profile.DOCKER_20_10, "docker network create mynet\n"
                + "docker run -dit --name c3 --network mynet busybox\n"
                + "docker network connect bridge c3\n"
                + "docker inspect -f '{{json .NetworkSettings.Networks}}' c3\n");
        String out = last(t);
        // Real 20.10 (report b3); c3's short id is its alias on mynet.
        assertEquals("{\"bridge\":{\"IPAMConfig\":{},\"Links\":null,\"Aliases\":[],\"NetworkID\":\"<id>\","
                + "\"EndpointID\":\"<id>\",\"Gateway\":\"172.17.0.1\",\"IPAddress\":\"172.17.0.2\",\"IPPrefixLen\":16,"
                + "\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,"
                + "\"MacAddress\":\"02:42:ac:11:00:02\",\"DriverOpts\":{}},"
                + "\"mynet\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":[\"<short>\"],\"NetworkID\":\"<id>\","
                + "\"EndpointID\":\"<id>\",\"Gateway\":\"172.18.0.1\",\"IPAddress\":\"172.18.0.2\",\"IPPrefixLen\":16,"
                + "\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,"
                + "\"MacAddress\":\"02:42:ac:12:00:02\",\"DriverOpts\":null}}\n", normalised(out));
        String aliases = run(Profile.DOCKER_20_10, "docker network create mynet\n"
                + "docker run -dit --name c3 --network mynet --network-alias web busybox\n"
                + "docker inspect -f '{{json (index .NetworkSettings.Networks \"mynet\").Aliases}}' c3\n");
        // updateNetworkConfig appends the short id after the user's aliases.
        assertTrue(last(aliases).matches("\\[\"web\",\"[0-9a-f]{12}\"\\]\n"), aliases);
    }

    @Test
    void networkNone() {
        String t = run(Profile.DOCKER_20_10, "docker run -dit --name n1 --network none busybox\n"
                + "docker inspect -f '{{json .NetworkSettings}}' n1\n");
        // Real 20.10 (report b3).
        assertEquals("{\"Bridge\":\"\",\"SandboxID\":\"<id>\",\"HairpinMode\":false,\"LinkLocalIPv6Address\":\"\","
                + "\"LinkLocalIPv6PrefixLen\":0,\"Ports\":{},\"SandboxKey\":\"/var/run/docker/netns/<short>\","
                + "\"SecondaryIPAddresses\":null,\"SecondaryIPv6Addresses\":null,\"EndpointID\":\"\",\"Gateway\":\"\","
                + "\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"IPAddress\":\"\",\"IPPrefixLen\":0,"
                + "\"IPv6Gateway\":\"\",\"MacAddress\":\"\",\"Networks\":{\"none\":{\"IPAMConfig\":null,\"Links\":null,"
                + "\"Aliases\":null,\"NetworkID\":\"<id>\",\"EndpointID\":\"<id>\",\"Gateway\":\"\",\"IPAddress\":\"\","
                + "\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,"
                + "\"MacAddress\":\"\",\"DriverOpts\":null}}}\n", normalised(last(t)));
    }

    /** A network's stored settings while the container has no endpoint on it: no address, no ids. */
    private static String withoutEndpoint(String ipam, String aliases, String networkId, String driverOpts) {
        return "{\"IPAMConfig\":" + ipam + ",\"Links\":null,\"Aliases\":" + aliases + ",\"NetworkID\":\"" + networkId
                + "\",\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\","
                + "\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"MacAddress\":\"\",\"DriverOpts\":" + driverOpts + "}";
    }

    @Test
    void aContainerWhoseStartFailedKeepsItsEndpointConfig() {
        String t = run(Profile.DOCKER_20_10, "docker network create mynet\n"
                + "docker run -dit --name c4 --network mynet --ip 172.18.0.50 busybox\n"
                + "docker inspect -f '{{json .NetworkSettings.Networks}}' c4\n");
        // Real 20.10 (report b4): no endpoint was made, so no NetworkID.
        assertEquals("{\"mynet\":" + withoutEndpoint("{\"IPv4Address\":\"172.18.0.50\"}", "[\"<short>\"]", "", "null")
                + "}\n", normalised(last(t)));
    }

    @Test
    void connectWithAnAddressAndAnAliasKeepsThemInTheSentSettings() {
        String t = run(Profile.DOCKER_20_10, "docker network create --subnet 172.30.0.0/24 net2\n"
                + "docker run -dit --name c1 busybox\n"
                + "docker network connect --ip 172.30.0.9 --alias db net2 c1\n"
                + "docker stop c1\n"
                + "docker inspect -f '{{json .NetworkSettings.Networks.net2}}' c1\n");
        // The CLI's IPAMConfig carries the address; the short id follows the alias; a stop clears
        // only the operational fields (cleanOperationalData), NetworkID stays.
        assertEquals(withoutEndpoint("{\"IPv4Address\":\"172.30.0.9\"}", "[\"db\",\"<short>\"]", "<id>", "{}") + "\n",
                normalised(last(t)));
    }

    @Test
    void docker27KeepsItsShape() {
        String t = run(Profile.DOCKER_27, "docker run -dit --name c1 busybox\ndocker inspect c1\n");
        String out = last(t);
        assertTrue(out.contains("\"Platform\": \"linux\",\n        \"HostConfig\": {\n            \"NetworkMode\": \"bridge\","), out);
        assertTrue(out.contains("\"PublishAllPorts\": false\n        },\n        \"Config\": {"), out);
        assertTrue(out.contains("\"DNSNames\": null"), out);
    }
}
