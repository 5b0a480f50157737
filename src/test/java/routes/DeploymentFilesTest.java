package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import routes.support.Api;
import routes.support.FreePorts;
import routes.support.ServiceTestSupport;

/**
 * The files that deploy the service (Dockerfile, compose/, k8s/) against the service itself: every
 * DIM_* variable they set is a real configuration key, ports and probes meet the port the service
 * listens on, Prometheus's configuration is valid for promtool, and every metric the Grafana
 * dashboard queries is one the running service exports. No Docker engine or cluster is needed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentFilesTest extends ServiceTestSupport {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COMPOSE = Path.of("compose");
    private static final Path K8S = Path.of("k8s");
    private static final double GIB = 1024.0 * 1024 * 1024;

    // --- configuration keys

    /** What a store named in dim.stores may set: dim.stores.<name>.<key> (README "Configuration"). */
    private static final Set<String> STORE_KEYS = Set.of("URI_PREFIX", "REGION", "ENCRYPTION");
    /** ...and per tier: dim.stores.<name>.<tier>.<field>. */
    private static final Set<String> STORE_CLASS_FIELDS = Set.of("STORAGE_CLASS", "COST_PER_GB_MONTH",
            "RETRIEVAL_COST_PER_GB", "EGRESS_COST_PER_GB", "PUT_COST_PER_1K", "GET_COST_PER_1K", "MIN_STORAGE_DAYS",
            "FIRST_BYTE_LATENCY_MS");

    private static Properties applicationProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    /** The environment variable that overrides a key: upper-case, '.' and '-' become '_'. */
    private static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The DIM_* variables of {@code env} that override no key of application.properties and fit no
     *  per-store key of a store that {@code env}'s DIM_STORES (or the default) names. */
    private static List<String> unknownVariables(Map<String, String> env) throws IOException {
        Properties p = applicationProperties();
        Set<String> keys = p.stringPropertyNames().stream().filter(k -> k.startsWith("dim."))
                .map(DeploymentFilesTest::envName).collect(Collectors.toSet());
        List<String> stores = Arrays.stream(env.getOrDefault("DIM_STORES", p.getProperty("dim.stores")).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(DeploymentFilesTest::envName).toList();
        List<String> unknown = new ArrayList<>();
        for (String var : env.keySet()) {
            if (var.startsWith("DIM_") && !keys.contains(var) && !isStoreKey(var, stores)) {
                unknown.add(var);
            }
        }
        return unknown;
    }

    private static boolean isStoreKey(String var, Collection<String> stores) {
        for (String store : stores) {
            String prefix = "DIM_STORES_" + store + "_";
            if (!var.startsWith(prefix)) {
                continue;
            }
            String rest = var.substring(prefix.length());
            if (STORE_KEYS.contains(rest)) {
                return true;
            }
            for (String tier : List.of("HOT", "WARM", "COLD")) {
                if (rest.startsWith(tier + "_") && STORE_CLASS_FIELDS.contains(rest.substring(tier.length() + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every store DIM_STORES names, except "local", needs its URI prefix (start-up refuses it otherwise). */
    private static List<String> storesWithoutPrefix(Map<String, String> env) {
        return Arrays.stream(env.getOrDefault("DIM_STORES", "local").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty() && !s.equals("local"))
                .filter(s -> env.getOrDefault("DIM_STORES_" + envName(s) + "_URI_PREFIX", "").isBlank())
                .toList();
    }

    @Test
    @Order(1)
    void theVariableCheckRejectsTyposAndStoresThatAreNotNamed() throws Exception {
        Map<String, String> env = Map.of(
                "DIM_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "DIM_KAFKA_BOOTSTRAP_SERVER", "kafka:9092",
                "DIM_STORES", "local,minio-cold",
                "DIM_STORES_MINIO_COLD_URI_PREFIX", "s3://cold/",
                "DIM_STORES_MINIO_COLD_COLD_STORAGE_CLASS", "STANDARD",
                "DIM_STORES_MINIO_COLD_COLD_STORAGE_CLAS", "STANDARD",
                "DIM_STORES_ARCHIVE_URI_PREFIX", "s3://archive/",
                "KAFKA_NODE_ID", "1");
        assertThat(unknownVariables(env)).containsExactlyInAnyOrder("DIM_KAFKA_BOOTSTRAP_SERVER",
                "DIM_STORES_MINIO_COLD_COLD_STORAGE_CLAS", "DIM_STORES_ARCHIVE_URI_PREFIX");
        assertThat(storesWithoutPrefix(Map.of("DIM_STORES", "local,archive"))).containsExactly("archive");
    }

    // --- compose

    private static JsonNode yaml(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    /** A service's environment, in the map or the list form. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isArray()) {
            e.forEach(item -> {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        }
        return env;
    }

    /** The host:container pairs of a service's ports, as "host:container". */
    private static List<String> ports(JsonNode service) {
        List<String> ports = new ArrayList<>();
        service.path("ports").forEach(p -> ports.add(p.asText()));
        return ports;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @Order(2)
    void composeRunsTheAppKafkaMinioPrometheusAndGrafanaWithRealSettings() throws Exception {
        JsonNode compose = yaml(COMPOSE.resolve("docker-compose.yml"));
        JsonNode services = compose.path("services");
        assertThat(names(services)).containsExactlyInAnyOrder("app", "kafka", "minio", "minio-init", "prometheus",
                "grafana");
        String httpPort = applicationProperties().getProperty("dim.http.port");
        assertThat(ports(services.path("app"))).containsExactly("8080:" + httpPort);
        assertThat(ports(services.path("kafka"))).containsExactly("29092:29092");
        assertThat(ports(services.path("minio"))).containsExactly("9000:9000", "9001:9001");
        assertThat(ports(services.path("minio-init"))).isEmpty();
        assertThat(ports(services.path("prometheus"))).containsExactly("9090:9090");
        assertThat(ports(services.path("grafana"))).containsExactly("3000:3000");

        // the app is built from the repository's Dockerfile and talks to the other services by name
        JsonNode app = services.path("app");
        assertThat(COMPOSE.resolve(app.path("build").path("context").asText())
                .resolve(app.path("build").path("dockerfile").asText())).isRegularFile();
        Map<String, String> env = environment(app);
        assertThat(unknownVariables(env)).as("DIM_* variables that set no configuration key").isEmpty();
        assertThat(storesWithoutPrefix(env)).isEmpty();
        assertThat(env).containsEntry("DIM_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("DIM_S3_ENDPOINT", "http://minio:9000").containsEntry("DIM_S3_PATH_STYLE", "true")
                .containsKeys("DIM_S3_ACCESS_KEY", "DIM_S3_SECRET_KEY", "DIM_STORES");
        Map<String, String> minio = environment(services.path("minio"));
        assertThat(env.get("DIM_S3_ACCESS_KEY")).isEqualTo(minio.get("MINIO_ROOT_USER"));
        assertThat(env.get("DIM_S3_SECRET_KEY")).isEqualTo(minio.get("MINIO_ROOT_PASSWORD"));
        assertThat(environment(services.path("kafka")).get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
        assertThat(environment(services.path("kafka")).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");

        // every S3 store's bucket is made by minio-init
        String init = services.path("minio-init").path("command").toString();
        List<String> buckets = env.entrySet().stream()
                .filter(e -> e.getKey().endsWith("_URI_PREFIX") && e.getValue().startsWith("s3://"))
                .map(e -> e.getValue().substring("s3://".length()).split("/")[0]).toList();
        assertThat(buckets).isNotEmpty();
        buckets.forEach(b -> assertThat(init).contains("mc mb --ignore-existing dim/" + b));

        // images are pinned; depends_on, mounted files and named volumes exist
        for (String name : names(services)) {
            JsonNode service = services.path(name);
            String image = service.path("image").asText();
            assertThat(image).as(name + "'s image has a tag").matches("[^:]+:[^:]+");
            assertThat(image).as(name + "'s image tag").doesNotEndWith(":latest");
            JsonNode deps = service.path("depends_on");
            List<String> depNames = deps.isArray() ? toList(deps) : names(deps);
            assertThat(names(services)).as(name + " depends on").containsAll(depNames);
            for (JsonNode v : service.path("volumes")) {
                String source = v.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(COMPOSE.resolve(source)).as(name + " mounts").exists();
                } else {
                    assertThat(names(compose.path("volumes"))).as(name + "'s volume").contains(source);
                }
            }
        }
        assertThat(toList(services.path("app").path("volumes"))).contains("app-data:/var/lib/dim");
    }

    private static List<String> toList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    @Order(3)
    void thePostgresOverrideSetsRealKeysAndAWaitForTheDatabase() throws Exception {
        JsonNode override = yaml(COMPOSE.resolve("postgres.yml")).path("services");
        Map<String, String> env = environment(override.path("app"));
        assertThat(unknownVariables(env)).isEmpty();
        assertThat(env.get("DIM_DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");
        Map<String, String> pg = environment(override.path("postgres"));
        assertThat(env.get("DIM_DB_USER")).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(env.get("DIM_DB_PASSWORD")).isEqualTo(pg.get("POSTGRES_PASSWORD"));
        assertThat(env.get("DIM_DB_URL")).endsWith("/" + pg.get("POSTGRES_DB"));
        assertThat(override.path("app").path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
    }

    // --- Prometheus and Grafana

    @Test
    @Order(4)
    void prometheusScrapesTheAppsMetricsAndPromtoolAcceptsTheConfiguration() throws Exception {
        JsonNode config = yaml(COMPOSE.resolve("prometheus.yml"));
        JsonNode job = null;
        for (JsonNode j : config.path("scrape_configs")) {
            if (j.path("job_name").asText().equals("data-in-motion")) {
                job = j;
            }
        }
        assertThat(job).as("a data-in-motion scrape job").isNotNull();
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(toList(job.path("static_configs").get(0).path("targets")))
                .containsExactly("app:" + applicationProperties().getProperty("dim.http.port"));

        // promtool comes with Debian's prometheus package, which .ci/run installs: missing, the test fails
        // as the browser test does without chromium, rather than passing without having checked anything
        Path bad = Files.createTempFile(dataDir, "prometheus", ".yml");
        Files.writeString(bad, "scrape_configs:\n  - job_name: x\n    scrape_interval: often\n");
        assertThat(promtool("check", "config", bad.toString()).exitCode).as("promtool refuses a bad interval")
                .isNotZero();
        Run good = promtool("check", "config", COMPOSE.resolve("prometheus.yml").toString());
        assertThat(good.exitCode).as(good.output).isZero();
        assertThat(good.output).contains("SUCCESS");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            return fail("promtool is not on the PATH: apt-get install prometheus (it provides promtool)", missing);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    @Order(5)
    void grafanaIsProvisionedWithTheComposePrometheusAndTheDashboard() throws Exception {
        JsonNode datasource = yaml(COMPOSE.resolve("grafana/provisioning/datasources/prometheus.yml"))
                .path("datasources").get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");

        JsonNode provider = yaml(COMPOSE.resolve("grafana/provisioning/dashboards/data-in-motion.yml"))
                .path("providers").get(0);
        List<String> grafanaVolumes = toList(yaml(COMPOSE.resolve("docker-compose.yml"))
                .path("services").path("grafana").path("volumes"));
        assertThat(grafanaVolumes).contains("./grafana/dashboards:" + provider.path("options").path("path").asText() + ":ro");

        JsonNode dashboard = JSON.readTree(COMPOSE.resolve("grafana/dashboards/data-in-motion.json").toFile());
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        List<JsonNode> panels = panels(dashboard);
        assertThat(panels).isNotEmpty();
        for (JsonNode panel : panels) {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                    .isEqualTo(datasource.path("uid").asText());
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
        }
    }

    /** Every panel that queries, also inside rows. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                p.path("panels").forEach(out::add);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** The metric names a PromQL expression reads: identifiers that are not functions, aggregation
     *  keywords, label names (in matchers and by/without lists), ranges or Grafana variables. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*\\]", " ")
                .replaceAll("\\$\\{?\\w+}?", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> keywords = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
                "offset", "and", "or", "unless", "inf", "nan");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()").matcher(s);
        while (m.find()) {
            if (!keywords.contains(m.group().toLowerCase(Locale.ROOT))) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    @Order(6)
    void metricNamesAreReadFromPromqlAsPrometheusWould() {
        assertThat(metricNames("max by (state) (dim_jobs)")).containsExactly("dim_jobs");
        assertThat(metricNames("histogram_quantile(0.95, sum by (le) (rate(dim_migration_duration_seconds_bucket"
                + "[$__rate_interval])))")).containsExactly("dim_migration_duration_seconds_bucket");
        assertThat(metricNames("sum(increase(dim_http_requests_total{status=~\"5..\"}[5m])) / on(instance) "
                + "group_left() up * 1e3")).containsExactly("dim_http_requests_total", "up");
        assertThat(metricNames("sum(rate(dim_job_transitions_total{state=\"failed\"}[1m])) > bool 0"))
                .containsExactly("dim_job_transitions_total");
    }

    /** The metric names /metrics exports: every sample's name and every family's (# TYPE). */
    private Set<String> exportedMetrics() {
        Api.Response metrics = api.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private long completedMove(String name, long size, String tier) {
        long id = createDataset(name, size);
        Api.Response planned = api.post("/plan-migration", Api.json("dataset_id", id, "storage_class", tier,
                "target_location", fileUri(name + "_" + tier)));
        assertThat(planned.status()).as(planned.body()).isEqualTo(202);
        eventually().until(() -> api.get("/jobs/" + planned.id()).json().path("state").asText().equals("completed"));
        return id;
    }

    @Test
    @Order(7)
    void theStateGaugesCountJobsDatasetsBytesAndCostPerTier() {
        completedMove("gauged-cold", 1_048_576, "cold");
        createDataset("gauged-hot", 2_097_152);

        // the gauges read SQL at most every few seconds: wait for the reading after the move
        eventually().until(() -> metric("dim_jobs", "state=\"completed\"") == 1);
        assertThat(metric("dim_jobs", "state=\"failed\"")).isZero();
        assertThat(metric("dim_jobs", "state=\"queued\"")).isZero();
        assertThat(metric("dim_datasets", "tier=\"cold\"")).isEqualTo(1);
        assertThat(metric("dim_datasets", "tier=\"hot\"")).isEqualTo(1);
        assertThat(metric("dim_datasets", "tier=\"warm\"")).isZero();
        assertThat(metric("dim_dataset_size_bytes", "tier=\"cold\"")).isEqualTo(1_048_576);
        assertThat(metric("dim_dataset_size_bytes", "tier=\"hot\"")).isEqualTo(2_097_152);
        // the local store's list prices: hot 0.023, cold 0.004 per GiB-month; no recommendation yet
        double cold = 1_048_576 / GIB * 0.004;
        double hot = 2_097_152 / GIB * 0.023;
        assertThat(metric("dim_storage_cost_monthly_usd", "basis=\"current\",tier=\"cold\""))
                .isCloseTo(cold, Offset.offset(1e-12));
        assertThat(metric("dim_storage_cost_monthly_usd", "basis=\"current\",tier=\"hot\""))
                .isCloseTo(hot, Offset.offset(1e-12));
        assertThat(metric("dim_storage_cost_monthly_usd", "basis=\"recommended\",tier=\"cold\""))
                .isCloseTo(cold, Offset.offset(1e-12));
    }

    @Test
    @Order(8)
    void everyMetricTheDashboardQueriesIsExportedByTheService() throws Exception {
        // work that makes the lazily created meters appear: ingested events, a move
        long id = completedMove("dashboard", 65_536, "warm");
        Api.Response events = api.post("/access-events", "[" + Api.json("dataset_id", id, "op", "read",
                "size_bytes", 4096) + "]");
        assertThat(events.status()).isEqualTo(202);
        eventually().until(() -> exportedMetrics().contains("dim_access_events_ingested_total"));

        JsonNode dashboard = JSON.readTree(COMPOSE.resolve("grafana/dashboards/data-in-motion.json").toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                Set<String> names = metricNames(target.path("expr").asText());
                assertThat(names).as(panel.path("title").asText() + ": " + target.path("expr").asText()).isNotEmpty();
                queried.addAll(names);
            }
        }
        // the panels the dashboard promises: events/s, jobs by state, bytes migrated, bytes by tier, cost, failures
        assertThat(queried).contains("dim_access_events_ingested_total", "dim_jobs", "dim_bytes_migrated_bytes_total",
                "dim_dataset_size_bytes", "dim_storage_cost_monthly_usd", "dim_job_transitions_total",
                "dim_failures_injected_total");
        Set<String> exported = exportedMetrics();
        assertThat(exported).as("the service's /metrics").containsAll(queried);
    }

    // --- the image

    private static List<String> dockerfileInstructions() throws IOException {
        String text = Files.readString(Path.of("Dockerfile")).replaceAll("\\\\\\n\\s*", " ");
        return text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<String> instructions(List<String> all, String keyword) {
        return all.stream().filter(l -> l.startsWith(keyword + " ")).map(l -> l.substring(keyword.length() + 1).trim())
                .toList();
    }

    @Test
    @Order(9)
    void theImageRunsTheServicesMainClassAsNonRootOnItsPortWithPinnedBases() throws Exception {
        List<String> lines = dockerfileInstructions();
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher mainClass = Pattern.compile("<main.class>([^<]+)</main.class>").matcher(pom);
        assertThat(mainClass.find()).isTrue();
        List<String> entrypoint = toList(JSON.readTree(instructions(lines, "ENTRYPOINT").get(0)));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(mainClass.group(1));
        assertThat(instructions(lines, "EXPOSE")).containsExactly(applicationProperties().getProperty("dim.http.port"));
        assertThat(instructions(lines, "USER")).isNotEmpty().noneMatch(u -> u.equals("root") || u.startsWith("0"));
        assertThat(String.join(" ", instructions(lines, "ENV"))).contains("DIM_DATA_DIR=/var/lib/dim");
        assertThat(instructions(lines, "VOLUME")).containsExactly("[\"/var/lib/dim\"]");
        List<String> bases = instructions(lines, "FROM").stream().map(f -> f.split("\\s+")[0]).toList();
        assertThat(bases).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(b -> assertThat(b).matches("[^:]+:[0-9][^:]*"));
        assertThat(bases.get(bases.size() - 1)).contains("jre");
        assertThat(String.join("\n", lines)).contains("dependency:copy-dependencies");
    }

    @Test
    @Order(10)
    void theImagesHealthcheckPassesAgainstTheServiceAndFailsWithoutIt() throws Exception {
        String healthcheck = instructions(dockerfileInstructions(), "HEALTHCHECK").get(0);
        List<String> command = toList(JSON.readTree(healthcheck.substring(healthcheck.indexOf("CMD [") + 4)));
        assertThat(String.join(" ", command)).contains("/health");
        assertThat(healthcheck(command, httpPort)).as("exit code against the running service").isZero();
        assertThat(healthcheck(command, FreePorts.next())).as("exit code with nothing listening").isNotZero();
    }

    private static int healthcheck(List<String> command, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DIM_HTTP_PORT", Integer.toString(port));
        Process process = pb.start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    // --- Kubernetes

    private static Map<String, JsonNode> k8sResources() throws IOException {
        JsonNode kustomization = yaml(K8S.resolve("kustomization.yaml"));
        List<String> listed = toList(kustomization.path("resources"));
        try (Stream<Path> files = Files.list(K8S)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.equals("kustomization.yaml")))
                    .as("every manifest is in kustomization.yaml").containsExactlyInAnyOrderElementsOf(listed);
        }
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        for (String file : listed) {
            JsonNode doc = yaml(K8S.resolve(file));
            assertThat(doc.path("apiVersion").asText()).as(file).isNotBlank();
            assertThat(byKind.put(doc.path("kind").asText(), doc)).as("one " + doc.path("kind").asText()).isNull();
        }
        return byKind;
    }

    @Test
    @Order(11)
    void kubernetesRunsReplicasWithRealSettingsSecretsApartAndProbesOnHealth() throws Exception {
        Map<String, JsonNode> k8s = k8sResources();
        assertThat(k8s).containsKeys("Deployment", "Service", "ConfigMap", "Secret");
        JsonNode deployment = k8s.get("Deployment");
        JsonNode config = k8s.get("ConfigMap");
        JsonNode secret = k8s.get("Secret");
        int replicas = deployment.path("spec").path("replicas").asInt();
        assertThat(replicas).isGreaterThanOrEqualTo(2);
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").get(0);

        // settings: the ConfigMap, the Secret and the container's own env set real keys
        Map<String, String> env = new LinkedHashMap<>();
        config.path("data").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        Set<String> secretKeys = new TreeSet<>();
        secret.path("stringData").fieldNames().forEachRemaining(secretKeys::add);
        secret.path("data").fieldNames().forEachRemaining(secretKeys::add);
        secretKeys.forEach(k -> env.put(k, "secret"));
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(unknownVariables(env)).as("DIM_* variables that set no configuration key").isEmpty();
        assertThat(storesWithoutPrefix(env)).isEmpty();
        assertThat(secretKeys).contains("DIM_DB_PASSWORD", "DIM_S3_ACCESS_KEY", "DIM_S3_SECRET_KEY", "DIM_API_KEYS");
        assertThat(names(config.path("data"))).doesNotContainAnyElementsOf(secretKeys);
        assertThat(container.path("envFrom").findValuesAsText("name")).containsExactlyInAnyOrder(
                config.path("metadata").path("name").asText(), secret.path("metadata").path("name").asText());

        // an external cluster and database, partitions for every replica, each pod its own instance id
        assertThat(env.get("DIM_KAFKA_BOOTSTRAP_SERVERS")).isNotBlank();
        assertThat(env.get("DIM_DB_URL")).startsWith("jdbc:postgresql://");
        assertThat(Integer.parseInt(env.get("DIM_KAFKA_PARTITIONS"))).isGreaterThanOrEqualTo(replicas);
        assertThat(Integer.parseInt(env.get("DIM_KAFKA_REPLICATION_FACTOR"))).isGreaterThan(1);
        JsonNode instanceId = null;
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals("DIM_INSTANCE_ID")) {
                instanceId = e;
            }
        }
        assertThat(instanceId).isNotNull();
        assertThat(instanceId.path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.name");

        // the port the service listens on, the probes and the Service on it
        JsonNode port = container.path("ports").get(0);
        assertThat(port.path("containerPort").asText()).isEqualTo(env.get("DIM_HTTP_PORT"));
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(probe).isEqualTo("/health");
            assertThat(get.path("port").asText()).as(probe)
                    .isIn(port.path("name").asText(), port.path("containerPort").asText());
        }
        JsonNode service = k8s.get("Service").path("spec");
        assertThat(service.path("ports").get(0).path("targetPort").asText())
                .isIn(port.path("name").asText(), port.path("containerPort").asText());
        service.path("selector").fields().forEachRemaining(f ->
                assertThat(pod.path("metadata").path("labels").path(f.getKey()).asText()).isEqualTo(f.getValue().asText()));
        assertThat(pod.path("metadata").path("annotations").path("prometheus.io/path").asText()).isEqualTo("/metrics");

        // resources, non-root, the data directory on a volume
        assertThat(container.path("resources").path("requests").path("memory").asText()).isNotBlank();
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotBlank();
        assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains(env.get("DIM_DATA_DIR"));
    }
}
