package routes.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import routes.catalog.DatasetRepository;
import routes.catalog.Tier;
import routes.infra.Database;

/** The writer against a real SQLite database with the real schema. */
class AggregateWriterTest {

    @TempDir
    java.nio.file.Path tmp;
    HikariDataSource dataSource;
    JdbcTemplate jdbc;
    AggregateWriter writer;
    long dataset;

    @BeforeEach
    void setUp() throws Exception {
        dataSource = Database.open("jdbc:sqlite:" + tmp.resolve("t.db"), "", "");
        jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        writer = new AggregateWriter(jdbc, tx, Duration.ofMinutes(5), Clock.systemUTC(), Duration.ofDays(1));
        dataset = new DatasetRepository(jdbc, Clock.systemUTC()).insert("d", "file:///x/d", 1, Tier.HOT, "hot", null, null);
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    private ConsumedEvent event(int partition, long offset, String op, String ts) {
        return new ConsumedEvent("access_events", partition, offset,
                new AccessEvent(dataset, op, 100, Instant.parse(ts), 4.0, "c", "e" + partition + "-" + offset));
    }

    private long sum(String column) {
        return jdbc.queryForObject("SELECT SUM(" + column + ") FROM access_aggregates", Long.class);
    }

    @Test
    void eventsFoldIntoTheirWindows() {
        int counted = writer.write(List.of(
                event(0, 0, "read", "2026-01-01T10:01:00Z"),
                event(0, 1, "read", "2026-01-01T10:04:59Z"),
                event(0, 2, "write", "2026-01-01T10:05:00Z")));
        assertThat(counted).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT window_start FROM access_aggregates ORDER BY window_start", Long.class))
                .containsExactly(Instant.parse("2026-01-01T10:00:00Z").toEpochMilli(),
                        Instant.parse("2026-01-01T10:05:00Z").toEpochMilli());
        assertThat(sum("read_count")).isEqualTo(2);
        assertThat(sum("write_bytes")).isEqualTo(100);
        assertThat(jdbc.queryForObject("SELECT last_access_ts FROM datasets", Long.class))
                .isEqualTo(Instant.parse("2026-01-01T10:05:00Z").toEpochMilli());
    }

    @Test
    void anEventPostedTwiceIsCountedOnce() {
        ConsumedEvent first = event(0, 0, "read", "2026-01-01T10:01:00Z");
        ConsumedEvent again = new ConsumedEvent("access_events", 0, 7, first.event()); // same id, new record
        assertThat(writer.write(List.of(first))).isEqualTo(1);
        assertThat(writer.write(List.of(again))).isZero();
        assertThat(sum("read_count")).isEqualTo(1);
    }

    @Test
    void aRedeliveredBatchIsCountedOnce() {
        List<ConsumedEvent> batch = List.of(event(0, 0, "read", "2026-01-01T10:01:00Z"),
                event(1, 0, "read", "2026-01-01T10:01:00Z"));
        writer.write(batch);
        assertThat(writer.write(batch)).isZero();
        // a batch overlapping what was counted only adds the new records
        assertThat(writer.write(List.of(event(0, 0, "read", "2026-01-01T10:01:00Z"),
                event(0, 1, "read", "2026-01-01T10:02:00Z")))).isEqualTo(1);
        assertThat(sum("read_count")).isEqualTo(3);
    }

    @Test
    void anEventIdTwiceInOneBatchIsCountedOnce() {
        ConsumedEvent first = event(0, 0, "read", "2026-01-01T10:01:00Z");
        ConsumedEvent again = new ConsumedEvent("access_events", 0, 1, first.event());
        assertThat(writer.write(List.of(first, again))).isEqualTo(1);
        assertThat(sum("read_count")).isEqualTo(1);
    }

    @Test
    void aRecordTwiceInOneBatchIsCountedOnce() {
        // a rebalance that hands a partition back re-fetches from the committed offset
        ConsumedEvent a = event(0, 0, "read", "2026-01-01T10:01:00Z");
        ConsumedEvent b = event(0, 1, "read", "2026-01-01T10:02:00Z");
        assertThat(writer.write(List.of(a, b, a, b))).isEqualTo(2);
        assertThat(sum("read_count")).isEqualTo(2);
    }
}
