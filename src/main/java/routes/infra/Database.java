package routes.infra;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLErrorCodes;

/** The connection pool and the versioned schema (Flyway migrations under db/migration/<vendor>). */
public final class Database {

    private Database() {
    }

    public static HikariDataSource open(String jdbcUrl, String user, String password) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("dim");
        // named, not looked up through DriverManager: that only sees drivers of the class loader it
        // started with, not those of a child loader (camel run puts the service's jars in one)
        String driver = driverClass(jdbcUrl);
        if (driver != null) {
            config.setDriverClassName(driver);
        }
        if (!user.isEmpty()) {
            config.setUsername(user);
            config.setPassword(password);
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            Path file = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            // WAL lets readers run beside the one writer; IMMEDIATE transactions take the write
            // lock up front so busy_timeout applies instead of failing with SQLITE_BUSY mid-way.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            config.addDataSourceProperty("foreign_keys", "true");
            config.setMaximumPoolSize(4);
        } else {
            config.setMaximumPoolSize(10);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource, vendor(jdbcUrl));
        return dataSource;
    }

    /** SQL through Spring's JDBC template. A constraint SQLite enforces (a UNIQUE index two requests raced
     *  for) fails as a {@code DataIntegrityViolationException}, as on PostgreSQL, so the API answers 409:
     *  Spring's table of error codes has no SQLite, and its code 19 (SQLITE_CONSTRAINT) was uncategorized. */
    public static JdbcTemplate template(DataSource dataSource, String jdbcUrl) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        if (vendor(jdbcUrl).equals("sqlite")) {
            SQLErrorCodes codes = new SQLErrorCodes();
            codes.setDataIntegrityViolationCodes("19");
            jdbc.setExceptionTranslator(new SQLErrorCodeSQLExceptionTranslator(codes));
        }
        return jdbc;
    }

    /** The driver class of the databases the service ships a driver for, or null. */
    static String driverClass(String jdbcUrl) {
        return switch (vendor(jdbcUrl)) {
            case "sqlite" -> "org.sqlite.JDBC";
            case "postgresql" -> "org.postgresql.Driver";
            default -> null;
        };
    }

    /** The migrations folder for a JDBC URL: jdbc:sqlite:... uses db/migration/sqlite. */
    static String vendor(String jdbcUrl) {
        String[] parts = jdbcUrl.split(":");
        return parts.length > 1 ? parts[1] : "unknown";
    }

    private static void migrate(DataSource dataSource, String vendor) {
        Flyway.configure(Database.class.getClassLoader())   // the service's loader, not the thread's
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor)
                .javaMigrations(new CanonicalLocationsMigration()) // version 13: the next script is V14
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
