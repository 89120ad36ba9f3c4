package dev.sessionkit.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The store the example runs on: the JDBC store on an embedded H2 file database by default (sessions
 * survive a restart), or on the database a JDBC URL names (PostgreSQL in production), always behind a
 * HikariCP pool, whose schema is created on first start; or the Redis store on the Redis a Redis URL
 * names, on a client of its own.
 *
 * @param pool the JDBC store's pool; empty on Redis
 */
record ExampleStore(SessionStore store, String description, Optional<HikariDataSource> pool) implements AutoCloseable {
  /** The password in a URI's user info: {@code redis://:pw@host}, {@code redis://user:pw@host}. */
  private static final Pattern URI_PASSWORD = Pattern.compile("^([a-z+-]+://[^:@/]*:)[^@/]*@");
  /** A lone user-info part, which Redis URIs take as the password: {@code redis://pw@host}. */
  private static final Pattern URI_LONE_SECRET = Pattern.compile("^([a-z+-]+://)[^:@/]+@");

  static ExampleStore open(ServerConfig config) {
    return config.redisUrl().isPresent() ? redis(config.redisUrl().get(), config.redisKeyPrefix()) : jdbc(config);
  }

  private static ExampleStore redis(String url, String keyPrefix) {
    // The store owns the client it makes from the URI: closing the store shuts it down.
    SessionStore store = RedisSessionStore.builder().uri(url).keyPrefix(keyPrefix).build();
    return new ExampleStore(
        store, "Redis store on " + withoutPassword(url) + ", keys under " + keyPrefix, Optional.empty());
  }

  /** The URI as a startup line may show it: any password replaced by {@code ***}. */
  static String withoutPassword(String uri) {
    String masked = URI_PASSWORD.matcher(uri).replaceFirst("$1***@");
    return URI_LONE_SECRET.matcher(masked).replaceFirst("$1***@");
  }

  private static ExampleStore jdbc(ServerConfig config) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("sessionkit-example");
    pool.setMaximumPoolSize(10);
    pool.setConnectionTimeout(5_000);
    String description;
    if (config.jdbcUrl().isPresent()) {
      pool.setJdbcUrl(config.jdbcUrl().get());
      pool.setUsername(config.jdbcUser());
      pool.setPassword(config.jdbcPassword());
      description = "JDBC store on " + config.jdbcUrl().get().replaceAll("password=[^&;]*", "password=***");
    } else {
      Path file = config.dataDir().toAbsolutePath().resolve("sessions");
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
      }
      pool.setJdbcUrl("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE");
      description = "JDBC store on the embedded H2 file " + file + ".mv.db";
    }
    HikariDataSource dataSource = new HikariDataSource(pool);
    try {
      // The pool is made for the store alone: closing the store closes it.
      SessionStore store =
          JdbcSessionStore.builder().dataSource(dataSource).closeDataSource(true).createSchema(true).build();
      return new ExampleStore(store, description, Optional.of(dataSource));
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
