package io.dockwire.docker.cli;

import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.ImageCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code docker pull} and {@code docker images} ({@code docker image pull|ls}) over the engine's
 * local image store. There is no registry: a pull prints what a terminal shows when the layers
 * have arrived, with layer ids and the digest derived from the reference (stable, not Docker
 * Hub's), and the store remembers the image. Sizes and creation dates are those of the tags
 * current in mid-2024 for the images the tutorials use, a generic pair for any other.
 */
final class ImageCommands {
    /** Creation date, SIZE as docker images prints it, number of layers. */
    private record Known(String created, String size, int layers) {
    }

    private static final Map<String, Known> KNOWN = Map.of(
            "nginx", new Known("2024-05-29T20:18:42Z", "188MB", 7),
            "busybox", new Known("2023-07-18T23:19:33Z", "4.26MB", 1),
            "alpine", new Known("2024-05-22T18:18:12Z", "7.8MB", 1),
            "ubuntu", new Known("2024-04-27T02:02:12Z", "78.1MB", 1),
            "debian", new Known("2024-05-14T01:28:02Z", "117MB", 1),
            "httpd", new Known("2024-05-14T03:17:41Z", "147MB", 5),
            "mysql", new Known("2024-04-30T22:40:21Z", "578MB", 9),
            "wordpress", new Known("2024-05-14T21:38:52Z", "685MB", 21),
            "nockchun/docterm", new Known("2021-03-08T07:41:17Z", "352MB", 6));
    private static final Known OTHER = new Known("2024-01-01T00:00:00Z", "100MB", 3);

    private final DockerEngine engine;

    ImageCommands(DockerEngine engine) {
        this.engine = engine;
    }

    Result pull(String path, List<String> args) throws Flags.FlagError {
        Flags.Parsed p = new Flags(false).bool("all-tags", 'a').bool("quiet", 'q').value("platform", (char) 0)
                .bool("disable-content-trust", (char) 0).parse(args);
        if (p.values.containsKey("platform") || p.has("all-tags")) {
            throw new Unsupported("docker pull --platform/--all-tags is not emulated");
        }
        if (p.args.size() != 1) {
            return Result.fail(Usage.argsError(path, "pull", "exactly", 1), 1);
        }
        String ref = p.args.get(0);
        if (!ImageCatalog.isValidReference(ref)) {
            return Result.fail("invalid reference format\n", 1);
        }
        String tagged = DockerEngine.tagged(ref);
        String repo = tagged.substring(0, tagged.lastIndexOf(':'));
        String tag = tagged.substring(repo.length() + 1);
        String hubRepo = repo.contains("/") ? repo : "library/" + repo;
        String canonical = (repo.contains(".") && repo.indexOf('/') > repo.indexOf('.') ? "" : "docker.io/") + hubRepo
                + ":" + tag;
        boolean had = engine.hasImage(ref);
        engine.addImage(ref);
        if (p.has("quiet")) {
            return Result.ok(canonical + "\n");
        }
        StringBuilder sb = new StringBuilder();
        if (tagged.length() != ref.length()) {
            sb.append("Using default tag: latest\n");
        }
        sb.append(tag).append(": Pulling from ").append(hubRepo).append('\n');
        if (!had) {
            for (int i = 0; i < known(repo).layers(); i++) {
                sb.append(ImageIds.of(tagged + "/layer/" + i), 0, 12).append(": Pull complete\n");
            }
        }
        sb.append("Digest: sha256:").append(ImageIds.of(tagged + "/digest")).append('\n');
        sb.append(had ? "Status: Image is up to date for " : "Status: Downloaded newer image for ").append(tagged)
                .append('\n');
        sb.append(canonical).append('\n');
        return Result.ok(sb.toString());
    }

    Result images(String path, List<String> args) throws Flags.FlagError {
        Flags.Parsed p = new Flags(true).bool("all", 'a').bool("quiet", 'q').bool("no-trunc", (char) 0)
                .bool("digests", (char) 0).value("filter", 'f').value("format", (char) 0).parse(args);
        if (p.values.containsKey("filter") || p.values.containsKey("format") || p.has("digests")) {
            throw new Unsupported("docker images --filter/--format/--digests is not emulated");
        }
        if (p.args.size() > 1) {
            return Result.fail(Usage.argsError(path, path.endsWith("images") ? "images" : "image ls", "at most", 1), 1);
        }
        List<String> list = new ArrayList<>();
        for (String img : engine.images()) {
            String repo = img.substring(0, img.lastIndexOf(':'));
            if (p.args.isEmpty() || p.args.get(0).equals(repo) || DockerEngine.tagged(p.args.get(0)).equals(img)) {
                list.add(img);
            }
        }
        // Newest image first (by its creation date), then by name.
        list.sort(Comparator.comparing((String img) -> created(img)).reversed().thenComparing(img -> img));
        boolean noTrunc = p.has("no-trunc");
        if (p.has("quiet")) {
            StringBuilder sb = new StringBuilder();
            list.forEach(img -> sb.append(id(img, noTrunc)).append('\n'));
            return Result.ok(sb.toString());
        }
        Table t = new Table().row("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        for (String img : list) {
            String repo = img.substring(0, img.lastIndexOf(':'));
            t.row(repo, img.substring(repo.length() + 1), id(img, noTrunc),
                    HumanTime.duration(engine.nowMillis() - created(img).toEpochMilli()) + " ago", known(repo).size());
        }
        return Result.ok(t.render());
    }

    private static String id(String img, boolean noTrunc) {
        String full = ImageIds.of(img);
        return noTrunc ? "sha256:" + full : full.substring(0, 12);
    }

    private static Instant created(String img) {
        return Instant.parse(known(img.substring(0, img.lastIndexOf(':'))).created());
    }

    private static Known known(String repo) {
        return KNOWN.getOrDefault(repo, OTHER);
    }
}
