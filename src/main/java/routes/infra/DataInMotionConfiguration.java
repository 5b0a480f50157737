package routes.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.storage.Storage;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import routes.api.ApiErrors;
import routes.api.ApiKeys;
import routes.catalog.DatasetRepository;
import routes.catalog.DatasetService;
import routes.catalog.PolicyRepository;
import routes.catalog.PolicyService;
import routes.catalog.ConfiguredStores;
import routes.catalog.CostHistory;
import routes.catalog.Seeder;
import routes.catalog.StoreCatalog;
import routes.catalog.StoreService;
import routes.classify.ActivityRepository;
import routes.classify.ActivityService;
import routes.classify.ModelRepository;
import routes.classify.RecencyFrequencyClassifier;
import routes.classify.RecommendationRepository;
import routes.classify.RecommendationService;
import routes.classify.Recommender;
import routes.classify.RuleTrainer;
import routes.ingest.AccessEventDecoder;
import routes.ingest.AccessEventParser;
import routes.ingest.AggregateWriter;
import routes.ingest.KeyedRecords;
import routes.move.AttemptCounter;
import routes.move.CopyStep;
import routes.move.DeadLetterRepository;
import routes.move.DeleteStep;
import routes.move.Discard;
import routes.move.JobFailures;
import routes.move.JobLeases;
import routes.move.JobRepository;
import routes.move.JobService;
import routes.move.JobStates;
import routes.move.MoveMetrics;
import routes.move.StatusPublisher;
import routes.move.StepGate;
import routes.move.SwitchStep;
import routes.move.VerifyStep;
import routes.classify.HistoryRepository;
import routes.classify.LearnedClassifier;
import routes.classify.ModelTraining;
import routes.classify.TieringModel;
import routes.plan.AutoMigrations;
import routes.plan.Decisions;
import routes.plan.MigrationPlanner;
import routes.plan.PlacementAdvisor;
import routes.plan.PlanChecks;
import routes.plan.Redundancy;
import routes.plan.ReplicaPlanner;
import routes.plan.StorePlacement;
import routes.plan.SimulationService;
import routes.storage.StoreConfig;
import routes.storage.StoreRegistry;
import routes.storage.gcs.GcsBackend;
import routes.storage.s3.S3Backend;
import routes.storage.file.FileStore;

/**
 * The composition root: starts the embedded parts (database, broker) when nothing external is
 * configured, and registers every bean the routes call, by the name routes.yaml uses.
 */
@Configuration
public class DataInMotionConfiguration implements CamelConfiguration {

    /** The name of the mover's idempotent repository, as stored in CAMEL_MESSAGEPROCESSED. */
    public static final String LEDGER = "mover";

    @BindToRegistry("clock")
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        // camel run (README: "Quick-run with Camel JBang") loads the service's jars in a class loader of
        // their own but leaves the thread's as it was; Kafka and others load classes by name through the
        // thread's, so make it ours, for this thread and those it starts (a no-op when run as a jar)
        ClassLoader own = DataInMotionConfiguration.class.getClassLoader();
        if (Thread.currentThread().getContextClassLoader() != own) {
            Thread.currentThread().setContextClassLoader(own);
        }
        if (setting(context, "dim.instance-id", "").isEmpty()) {
            context.getPropertiesComponent().addOverrideProperty("dim.instance-id", Settings.defaultInstanceId(context));
        }
        Settings settings = Settings.from(context);
        Files.createDirectories(settings.dataDir());
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        ObjectMapper json = Json.mapper();
        registry.bind("jsonMapper", json);

        // --- database: SQLite under the data directory unless dim.db.url names another
        HikariDataSource dataSource = Database.open(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
        context.addService(onStop(dataSource::close), true, false);
        registry.bind("dataSource", dataSource);
        JdbcTemplate jdbc = Database.template(dataSource, settings.jdbcUrl());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        // master: routes run on one instance of the cluster at a time, elected through the database
        context.addService(new DatabaseClusterService(settings.instanceId(), jdbc, settings.leaseDuration(),
                settings.leaseRenewal(), clock));

        // --- Kafka: the in-process broker unless dim.kafka.bootstrap-servers names a cluster
        String bootstrap = settings.kafkaBootstrapServers();
        boolean embedded = bootstrap.isEmpty();
        if (embedded) {
            EmbeddedKafka broker = new EmbeddedKafka(settings.dataDir().resolve("kafka"),
                    settings.kafkaEmbeddedPort(), settings.kafkaEmbeddedControllerPort());
            broker.start();
            context.addService(broker, true, false);
            bootstrap = broker.bootstrapServers();
        }
        // an external cluster's SASL/SSL settings (camel.component.kafka.*) go to our own Admin clients too
        java.util.Map<String, Object> kafkaSecurity = embedded ? java.util.Map.of()
                : KafkaClientSecurity.from(context.getPropertiesComponent()::resolveProperty);
        KafkaTopics.ensure(bootstrap, kafkaSecurity, settings.kafkaPartitions(),
                embedded ? (short) 1 : settings.kafkaReplicationFactor());
        KafkaComponent kafka = context.getComponent("kafka", KafkaComponent.class);
        kafka.getConfiguration().setBrokers(bootstrap);
        // consumers named after the instance, so /health can tell which partitions are this instance's
        kafka.getConfiguration().setClientId(settings.instanceId());

        // --- metrics: one Prometheus registry for Camel's meters and ours
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new UptimeMetrics().bindTo(meters);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        registry.bind("metricsRegistry", meters);
        MicrometerRoutePolicyFactory routeMeters = new MicrometerRoutePolicyFactory();
        routeMeters.setMeterRegistry(meters);
        context.addRoutePolicyFactory(routeMeters);
        registry.bind("prometheusText", new PrometheusText(meters));

        // --- storage
        FileStore files = new FileStore(settings.storageRoots());
        StoreConfig storeConfig = (key, fallback) -> setting(context, key, fallback);
        StoreRegistry stores = new StoreRegistry(List.of(files, S3Backend.create(storeConfig),
                GcsBackend.create(storeConfig, registry.lookupByNameAndType("gcsStorage", Storage.class))));
        registry.bind("storeRegistry", stores);
        KafkaMembership membership = new KafkaMembership(bootstrap, kafkaSecurity, settings.instanceId(),
                List.of("dim-ingest", "dim-mover", "dim-status"));
        context.addService(membership, true, true);
        registry.bind("health", new Health(dataSource, settings.jdbcUrl(), settings.instanceId(), bootstrap,
                membership, embedded, stores,
                files.roots().stream().map(Path::toString).toList()));

        // --- HTTP edge: request metrics, body limit, SSE
        SseHub sse = new SseHub();
        registry.bind("sseHub", sse);
        ApiKeys apiKeys = new ApiKeys(settings.apiKeys());
        ApiKeyGuard guard = new ApiKeyGuard(apiKeys, settings.metricsPublic(), meters);
        RouteReloads reloads = new RouteReloads(!setting(context, "dim.routes.dir", "").isEmpty());
        context.getManagementStrategy().addEventNotifier(reloads);
        context.addStartupListener(new HttpEdge(meters, sse, guard, settings.maxBodyBytes(),
                jolokiaAccess(context, apiKeys, meters), reloads));
        registry.bind("apiErrors", new ApiErrors());
        // correlation ids, the audit log, request rate and event-stream limits (dim.audit.*, dim.http.rate-limit.*)
        AuditLog audit = auditLog(context, settings.dataDir(), json, clock);
        context.addService(onStop(() -> closeQuietly(audit)), true, false);
        registry.bind("correlation", new Correlation());
        context.addStartupListener(new RequestEdge(audit, new RateLimiter(
                number(context, "dim.http.rate-limit.per-second", 500), number(context, "dim.http.rate-limit.burst", 1000),
                System::nanoTime), sse, (int) number(context, "dim.http.sse.max-clients", 100), meters));

        // --- catalog: datasets and policies
        DatasetRepository datasets = new DatasetRepository(jdbc, clock);
        PolicyRepository policies = new PolicyRepository(jdbc, clock);
        JobRepository jobs = new JobRepository(jdbc, tx, clock);
        StoreCatalog catalog = new StoreCatalog(jdbc, tx, clock);
        ConfiguredStores.read(storeConfig, "file://" + files.roots().get(0)).forEach(catalog::register);
        registry.bind("storeService", new StoreService(catalog, stores, datasets, json));
        registry.bind("costHistory", new CostHistory(jdbc, tx, catalog, datasets, clock));
        registry.bind("datasetService", new DatasetService(datasets, policies, stores, catalog,
                new Seeder(stores, catalog), tx, json, settings.maxSeedBytes(), id -> jobs.activeFor(id).isPresent()));
        // a policy whose min_redundancy the registered stores can never meet is refused
        registry.bind("policyService", new PolicyService(policies, json, p -> Redundancy.whyUnmet(catalog.all(), p)));

        // --- ingest
        registry.bind("accessEventParser", new AccessEventParser(json, datasets, clock,
                settings.maxEventsPerRequest()));
        registry.bind("keyedRecords", new KeyedRecords(json));
        registry.bind("accessEventDecoder", new AccessEventDecoder(json));
        registry.bind("aggregateWriter", new AggregateWriter(jdbc, tx, settings.window(), clock,
                settings.eventIdRetention()));

        // --- classify
        ActivityRepository activity = new ActivityRepository(jdbc);
        ModelRepository models = new ModelRepository(jdbc, json, clock);
        RecencyFrequencyClassifier classifier = new RecencyFrequencyClassifier(settings.classifierDefaults(),
                RuleTrainer.MODEL_NAME + "-default");
        RuleTrainer trainer = new RuleTrainer(activity, models, classifier, settings.classifierDefaults(), clock);
        trainer.loadLatest();
        RecommendationRepository recommendations = new RecommendationRepository(jdbc, clock);
        registry.bind("ruleTrainer", trainer);
        Decisions decisions = Decisions.fromProperties(k -> context.getPropertiesComponent().resolveProperty(k)
                .orElse(null));
        HistoryRepository history = new HistoryRepository(jdbc, clock);
        LearnedClassifier learned = new LearnedClassifier(history);
        ModelTraining training = new ModelTraining(history, models, learned, trainer,
                new TieringModel(modelParams(context)), settings.dataDir().resolve("models"), json);
        training.loadLatest();
        registry.bind("modelTraining", training);
        // placement over the registered stores' classes, with the dim.decisions.* horizon and hysteresis
        PlacementAdvisor placement = new PlacementAdvisor(datasets, policies, catalog, history, jobs,
                new StorePlacement(decisions.placement()), clock);
        registry.bind("recommender", new Recommender(activity, recommendations, classifier, learned, placement, tx,
                clock));
        registry.bind("recommendationService", new RecommendationService(recommendations, datasets));
        registry.bind("activityService", new ActivityService(activity, datasets));
        registry.bind("modelVersions", models);

        // --- plan
        PlanChecks planChecks = new PlanChecks(datasets, policies, jobs, stores, catalog);
        registry.bind("migrationPlanner", new MigrationPlanner(jobs, planChecks, json));
        registry.bind("replicaPlanner", new ReplicaPlanner(jobs, planChecks, json));
        registry.bind("simulationService", new SimulationService(decisions, json));
        // auto mode: the moves recommended for datasets whose policy is auto, within dim.auto.* limits
        registry.bind("autoMigrations", new AutoMigrations(placement, recommendations, jobs, json,
                autoLimits(context)));

        // --- move
        MoveMetrics moveMetrics = new MoveMetrics(meters);
        // gauges of the state in SQL (jobs per state; datasets, bytes and monthly cost per tier), read at scrape time
        new StateGauges(jdbc, catalog, datasets, 5_000).bindTo(meters);
        StatusPublisher status = new StatusPublisher(context.createProducerTemplate(), clock);
        StepGate gate = new StepGate(settings.dataDir());
        settings.pauseAt().ifPresent(gate::holdBefore);
        registry.bind("stepGate", gate);
        JobLeases leases = new JobLeases(jobs, settings.instanceId(), settings.leaseDuration(), LEDGER, clock);
        registry.bind("jobLeases", leases);
        JobStates states = new JobStates(jobs, status, moveMetrics, gate, clock, settings.instanceId(),
                job -> audit.job(job, Correlation.current()));
        Discard discard = new Discard(stores, jobs);
        registry.bind("jobStates", states);
        int pageSize = Integer.parseInt(setting(context, "dim.mover.page-size", "1000"));
        boolean byStoreChecksum = verifyByStoreChecksum(setting(context, "dim.mover.verify", "checksum"));
        registry.bind("copyStep", new CopyStep(stores, catalog, jobs, status, moveMetrics,
                settings.progressEveryBytes(), settings.progressGapMillis(), settings.moverParallelism(), pageSize, gate,
                byStoreChecksum, settings.dataDir().resolve("listings")));
        registry.bind("verifyStep", new VerifyStep(stores, jobs, datasets, discard, settings.moverParallelism(),
                pageSize, gate, byStoreChecksum));
        registry.bind("switchStep", new SwitchStep(jobs, datasets, catalog, tx, gate, settings.instanceId()));
        registry.bind("deleteStep", new DeleteStep(stores, jobs, datasets, gate, settings.moverParallelism()));
        registry.bind("attemptCounter", new AttemptCounter());
        DeadLetterRepository deadLetters = new DeadLetterRepository(jdbc, clock);
        registry.bind("jobFailures", new JobFailures(jobs, states, deadLetters, clock));
        registry.bind("jobService", new JobService(jobs, deadLetters, datasets, moveMetrics, json));
        registry.bind("jobRepository", jobs);
        JdbcMessageIdRepository ledger = new JdbcMessageIdRepository(dataSource, LEDGER);
        ledger.setCreateTableIfNotExists(false); // the Flyway schema owns the table
        registry.bind("jobLedger", ledger);
    }

    /** Who may reach Jolokia ({@code dim.jolokia.*}), or null when it is off. */
    private static JolokiaAccess jolokiaAccess(CamelContext context, ApiKeys keys, PrometheusMeterRegistry meters) {
        if (!Boolean.parseBoolean(setting(context, "dim.jolokia.enabled", "false"))) {
            return null;
        }
        return new JolokiaAccess(setting(context, "dim.jolokia.path", "/observe/jolokia"),
                setting(context, "dim.jolokia.allowed-clients", ""), keys, meters);
    }

    /** {@code dim.auto.*}: how many moves auto mode plans per run, and how many jobs may be active. */
    private static AutoMigrations.Limits autoLimits(CamelContext context) {
        return new AutoMigrations.Limits(Integer.parseInt(setting(context, "dim.auto.max-plans-per-run", "10")),
                Integer.parseInt(setting(context, "dim.auto.max-active-jobs", "2")));
    }

    /** The audit log: to the {@code dim.audit} logger, and to {@code dim.audit.file} when set
     *  (relative to the data directory). */
    private static AuditLog auditLog(CamelContext context, Path dataDir, ObjectMapper json, Clock clock)
            throws java.io.IOException {
        String file = setting(context, "dim.audit.file", "");
        return new AuditLog(json, clock, file.isEmpty() ? null : dataDir.resolve(file));
    }

    private static double number(CamelContext context, String key, double fallback) {
        return Double.parseDouble(setting(context, key, Double.toString(fallback)));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    /** {@code dim.model.*}: the tiering tree's labels, depth and how much history it needs. */
    private static TieringModel.Params modelParams(CamelContext context) {
        return new TieringModel.Params(Integer.parseInt(setting(context, "dim.model.horizon-days", "7")),
                Integer.parseInt(setting(context, "dim.model.hot-reads", "7")),
                Integer.parseInt(setting(context, "dim.model.max-depth", "8")),
                Integer.parseInt(setting(context, "dim.model.stride-days", "1")),
                Integer.parseInt(setting(context, "dim.model.min-rows", "200")),
                Double.parseDouble(setting(context, "dim.model.train-fraction", "0.7")));
    }

    /** {@code dim.mover.verify}: {@code checksum} compares the target store's own checksums where it keeps
     *  them, {@code read} reads every copied object back. */
    private static boolean verifyByStoreChecksum(String mode) {
        return switch (mode) {
            case "checksum" -> true;
            case "read" -> false;
            default -> throw new IllegalArgumentException("dim.mover.verify must be 'checksum' or 'read', not '"
                    + mode + "'");
        };
    }

    /** A setting, trimmed; {@code fallback} when it is absent or empty. */
    private static String setting(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty())
                .orElse(fallback);
    }

    private static ServiceSupport onStop(Runnable action) {
        return new ServiceSupport() {
            @Override
            protected void doStop() {
                action.run();
            }
        };
    }
}
