package dev.sessionkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns JMH's JSON ({@code -rf json}) into the Markdown table of BENCHMARKS.md: each result with its
 * allocation per operation (when run with {@code -prof gc}), as a ratio to FLOOR and to the Spring
 * Session peer measured in the same run with the same parameters. Peers: SPRING_MAP for the in-memory
 * implementations, SPRING_JDBC_H2 for the databases and for operations only Spring's JDBC repository
 * has (lists, revokes, purges); SPRING_JDBC_POSTGRES for the PostgreSQL implementations when the run
 * has it, and SPRING_REDIS for the Redis ones. List rows also show the ratio to the same store's first
 * page. When the run has a bare round trip (BARE_SELECT_POSTGRES, a primary-key SELECT;
 * BARE_HGETALL_REDIS, one HGETALL), a last column gives each row's ratio to the one of its backend.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.sessionkit.benchmarks.ResultTable
 * benchmarks/target/jmh-result.json}
 */
public final class ResultTable {
  private static final String BARE_SELECT = "BARE_SELECT_POSTGRES";
  private static final String BARE_HGETALL = "BARE_HGETALL_REDIS";

  /** Our PostgreSQL implementations, compared with Spring on PostgreSQL when the run has it. */
  private static final Set<String> SPRING_POSTGRES_PEERED =
      Set.of("JDBC_POSTGRES", "NEAR_CACHE_JDBC_POSTGRES", BARE_SELECT);

  private ResultTable() {}

  record Row(String benchmark, Map<String, String> params, double score, double error, String unit, double alloc) {
    String impl() {
      return params.getOrDefault("impl", "");
    }

    /** Every parameter but the implementation: rows with the same key are comparable. */
    String key(String... overrides) {
      Map<String, String> p = new TreeMap<>(params);
      p.remove("impl");
      for (int i = 0; i < overrides.length; i += 2) {
        p.put(overrides[i], overrides[i + 1]);
      }
      return benchmark + p;
    }
  }

  public static void main(String[] args) throws IOException {
    JsonNode results = new ObjectMapper().readTree(Path.of(args.length > 0 ? args[0] : "benchmarks/target/jmh-result.json").toFile());
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : results) {
      Map<String, String> params = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : r.path("params").properties()) {
        params.put(e.getKey(), e.getValue().asText());
      }
      JsonNode primary = r.path("primaryMetric");
      JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
      String name = r.path("benchmark").asText().replace("dev.sessionkit.benchmarks.", "");
      rows.add(new Row(
          name,
          params,
          primary.path("score").asDouble(),
          primary.path("scoreError").asDouble(Double.NaN),
          primary.path("scoreUnit").asText(),
          alloc.isMissingNode() ? Double.NaN : alloc.asDouble()));
    }
    Map<String, Row> byKeyAndImpl = new LinkedHashMap<>();
    for (Row row : rows) {
      byKeyAndImpl.put(row.key() + "|" + row.impl(), row);
    }
    Set<String> bares = new TreeSet<>();
    rows.stream().map(Row::impl).filter(i -> i.equals(BARE_SELECT) || i.equals(BARE_HGETALL)).forEach(bares::add);
    boolean bareColumn = !bares.isEmpty();
    System.out.println("| benchmark | parameters | impl | score | unit | alloc B/op | x FLOOR | x Spring peer (which) | x own first page |"
        + (bareColumn ? " x " + String.join(" or ", bares) + " |" : ""));
    System.out.println("|---|---|---|---:|---|---:|---:|---:|---:|" + (bareColumn ? "---:|" : ""));
    for (Row row : rows) {
      Row floor = byKeyAndImpl.get(row.key() + "|FLOOR");
      Row bare = bareColumn ? byKeyAndImpl.get(row.key() + "|" + bareOf(row, bares)) : null;
      String peerName = peerOf(row);
      if (SPRING_POSTGRES_PEERED.contains(row.impl()) && byKeyAndImpl.containsKey(row.key() + "|SPRING_JDBC_POSTGRES")) {
        peerName = "SPRING_JDBC_POSTGRES";
      }
      if (onRedis(row) && !row.impl().startsWith("SPRING_")) {
        peerName = "SPRING_REDIS";
      }
      Row peer = peerName == null ? null : byKeyAndImpl.get(row.key() + "|" + peerName);
      Row firstPage = row.params.containsKey("page") ? byKeyAndImpl.get(row.key("page", "FIRST") + "|" + row.impl()) : null;
      Map<String, String> shown = new TreeMap<>(row.params);
      shown.remove("impl");
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%s%n",
          row.benchmark,
          shown.toString().replace("{", "").replace("}", ""),
          row.impl(),
          Double.isNaN(row.error) ? fmt(row.score) : fmt(row.score) + " ± " + fmt(row.error),
          row.unit,
          Double.isNaN(row.alloc) ? "" : fmt(row.alloc),
          ratio(row, floor),
          peer == null ? "" : ratio(row, peer) + " (" + peerName + ")",
          firstPage == null ? "" : ratio(row, firstPage),
          bareColumn ? " " + ratio(row, bare) + " |" : "");
    }
  }

  /** Spring's counterpart: the in-memory map for in-memory rows where it has the operation, else JDBC. */
  static String peerOf(Row row) {
    String impl = row.impl();
    if (impl.startsWith("SPRING_") || impl.isEmpty()) {
      return null;
    }
    boolean mapHasIt =
        row.benchmark.startsWith("TokenLookup")
            || row.benchmark.startsWith("InvalidToken")
            || row.benchmark.startsWith("Issue")
            || row.benchmark.startsWith("Touch");
    boolean inMemory = impl.equals("FLOOR") || impl.equals("CAFFEINE");
    return inMemory && mapHasIt ? "SPRING_MAP" : "SPRING_JDBC_H2";
  }

  private static boolean onRedis(Row row) {
    return row.impl().equals("REDIS") || row.impl().endsWith("_REDIS");
  }

  /** The bare round trip of the row's backend; FLOOR and in-memory rows get the first in the run. */
  static String bareOf(Row row, Set<String> bares) {
    if (onRedis(row)) {
      return BARE_HGETALL;
    }
    if (row.impl().endsWith("_POSTGRES")) {
      return BARE_SELECT;
    }
    return bares.iterator().next();
  }

  private static String ratio(Row row, @Nullable Row base) {
    if (base == null || base == row || base.score == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%.2f", row.score / base.score);
  }

  private static String fmt(double v) {
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
