package routes.cli;

import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "migrate", description = "Move datasets between stores, or copy them to another as secondary replicas.")
final class MigrateCommands {

    @ParentCommand
    Dim dim;

    @Command(name = "plan", description = "Plan a move (POST /plan-migration); the same plan again names the same job.")
    int plan(@Option(names = "--dataset", required = true, paramLabel = "ID") long dataset,
             @Option(names = "--class", required = true, paramLabel = "hot|warm|cold") String storageClass,
             @Option(names = "--target", required = true, paramLabel = "URI") String target,
             @Option(names = "--watch", description = "then follow the job until it ends, as jobs watch does")
             boolean watch) throws InterruptedException {
        return planned(dim.client().post("/plan-migration", ApiClient.body("dataset_id", dataset,
                "storage_class", storageClass, "target_location", target)), watch);
    }

    @Command(name = "replicate", description = "Make a secondary replica of a dataset in another store "
            + "(POST /datasets/{id}/replicas): copied and verified, the source stays primary.")
    int replicate(@Option(names = "--dataset", required = true, paramLabel = "ID") long dataset,
                  @Option(names = "--store", required = true, paramLabel = "NAME") String store,
                  @Option(names = "--class", paramLabel = "hot|warm|cold",
                          description = "default: the store's cheapest class the dataset's policy allows")
                  String storageClass,
                  @Option(names = "--target", paramLabel = "URI",
                          description = "default: <store prefix><class>/<dataset name>") String target,
                  @Option(names = "--watch", description = "then follow the job until it ends, as jobs watch does")
                  boolean watch) throws InterruptedException {
        return planned(dim.client().post("/datasets/" + dataset + "/replicas", ApiClient.body("store", store,
                "storage_class", storageClass, "target_location", target)), watch);
    }

    private int planned(ApiClient.Reply r, boolean watch) throws InterruptedException {
        dim.print(r, (job, out) -> {
            out.println(r.status() == 202 ? "planned job " + job.path("id").asText()
                    : "already planned as job " + job.path("id").asText());
            JobCommands.summary(job, out);
        });
        return watch ? new JobWatch(dim, Set.of(r.json().path("id").asLong())).run() : Dim.OK;
    }
}
