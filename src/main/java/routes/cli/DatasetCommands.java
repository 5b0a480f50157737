package routes.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "dataset", description = "Create, list, show and seed datasets.")
final class DatasetCommands {

    @ParentCommand
    Dim dim;

    @Command(name = "create", description = "Register a dataset (POST /datasets).")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--path", required = true, paramLabel = "URI",
                       description = "file:///..., s3://bucket/key or gs://bucket/key; a plain path means file://")
               String path,
               @Option(names = "--size", required = true, converter = Units.Size.class, paramLabel = "SIZE",
                       description = "bytes, or with a unit: 512k, 1MiB, 2G") Long size,
               @Option(names = "--auto-seed", description = "write that many bytes of data at the location") boolean seed,
               @Option(names = "--seed-objects", paramLabel = "N", description = "seed N objects under the location")
               Integer objects,
               @Option(names = "--policy", paramLabel = "ID") Long policy,
               @Option(names = "--tier", paramLabel = "hot|warm|cold") String tier) {
        String uri = path.contains("://") ? path : Path.of(path).toAbsolutePath().normalize().toUri().toString();
        ApiClient.Reply r = dim.client().post("/datasets", ApiClient.body("name", name, "path_uri", uri,
                "size_bytes", size, "auto_seed", seed ? true : null, "seed_objects", objects, "policy_id", policy,
                "current_tier", tier));
        dim.print(r, DatasetCommands::details);
        return Dim.OK;
    }

    @Command(name = "list", description = "A page of datasets.")
    int list(@Mixin Paging paging) {
        dim.print(dim.client().get("/datasets", "limit", paging.limit, "offset", paging.offset), (page, out) -> {
            Table t = new Table("ID", "NAME", "TIER", "SIZE", "LAST ACCESS", "LOCATION");
            for (JsonNode d : page.path("items")) {
                t.row(d.path("id"), d.path("name"), d.path("current_tier"), Units.bytes(d.path("size_bytes")),
                        d.path("last_access_ts"), d.path("path_uri"));
            }
            t.print(out);
            paging.footer(page, out);
        });
        return Dim.OK;
    }

    @Command(name = "show", description = "One dataset with its replicas.")
    int show(@Parameters(paramLabel = "ID") long id) {
        dim.print(dim.client().get("/datasets/" + id), DatasetCommands::details);
        return Dim.OK;
    }

    @Command(name = "seed", description = "(Re)write a dataset's data.")
    int seed(@Parameters(paramLabel = "ID") long id,
             @Option(names = "--size", converter = Units.Size.class, paramLabel = "SIZE") Long size,
             @Option(names = "--seed-objects", paramLabel = "N") Integer objects) {
        dim.print(dim.client().post("/datasets/" + id + "/seed", ApiClient.body("size_bytes", size,
                "seed_objects", objects)), DatasetCommands::details);
        return Dim.OK;
    }

    static void details(JsonNode d, PrintWriter out) {
        Table.fields(out, "id", d.path("id"), "name", d.path("name"), "location", d.path("path_uri"),
                "size", Units.bytes(d.path("size_bytes")), "tier", d.path("current_tier"),
                "policy", d.path("policy_id"), "sha256", d.path("checksum_sha256"),
                "last access", d.path("last_access_ts"), "updated", d.path("updated_at"));
        if (d.path("replicas").size() > 0) {
            out.println();
            Table t = new Table("REPLICA", "PRIMARY", "CLASS", "SIZE", "URI", "SHA-256");
            for (JsonNode r : d.path("replicas")) {
                String sha = r.path("checksum_sha256").asText("");
                t.row(r.path("id"), r.path("is_primary").asBoolean() ? "yes" : "no", r.path("storage_class"),
                        Units.bytes(r.path("size_bytes")), r.path("uri"),
                        sha.length() > 12 ? sha.substring(0, 12) + "…" : sha);
            }
            t.print(out);
        }
    }
}
