package dev.sessionkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Page;
import dev.sessionkit.ValidationResult;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every benchmark body once per implementation on small populations, through the same setup
 * JMH calls, and checks the answer: CI proves the benchmarks still run and still measure what they
 * claim (a valid token validates, junk does not, a revoke revokes) without timing anything. A leaf
 * names the implementations it covers: {@link BenchmarkSmokeTest} everything that runs in-process,
 * {@link PostgresBenchmarkSmokeTest} the PostgreSQL ones, {@link MariaDbBenchmarkSmokeTest} JDBC_MARIADB and
 * {@link RedisBenchmarkSmokeTest} the Redis ones,
 * which like session-jdbc's database tests run with -Pdatabases and fail (never skip) without the
 * server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractBenchmarkSmokeTest {
  /** Implementations without sessions of their own to issue, touch, list, revoke or purge. */
  private static final Set<Impl> LOOKUP_ONLY = EnumSet.of(Impl.FLOOR, Impl.BARE_SELECT_POSTGRES, Impl.BARE_HGETALL_REDIS);
  /** Implementations without pages, revoke-all or purge of their own. */
  private static final Set<Impl> NO_LISTS = EnumSet.of(Impl.FLOOR, Impl.SPRING_MAP, Impl.BARE_SELECT_POSTGRES, Impl.BARE_HGETALL_REDIS);

  /** @return the implementations this leaf covers */
  abstract Set<Impl> impls();

  Stream<Impl> all() {
    return impls().stream();
  }

  Stream<Impl> withSessions() {
    return all().filter(i -> !LOOKUP_ONLY.contains(i));
  }

  Stream<Impl> withLists() {
    return all().filter(i -> !NO_LISTS.contains(i));
  }

  private static Picker picker() {
    Picker picker = new Picker();
    picker.seed();
    return picker;
  }

  @ParameterizedTest
  @MethodSource("all")
  void validatesValidTokens(Impl impl) {
    TokenLookupBenchmark b = new TokenLookupBenchmark();
    b.impl = impl;
    b.sessions = 200;
    b.setUp();
    try {
      assertThat(b.validate(picker())).isNotNull();
      assertThat(b.validate2Threads(picker())).isNotNull();
      if (impl == Impl.CAFFEINE) {
        assertThat(((ValidationResult) b.validate(picker())).touched()).isFalse();
      }
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest
  @MethodSource("all")
  void rejectsEveryKindOfBadToken(Impl impl) {
    for (InvalidTokenBenchmark.Kind kind : InvalidTokenBenchmark.Kind.values()) {
      InvalidTokenBenchmark b = new InvalidTokenBenchmark();
      b.impl = impl;
      b.kind = kind;
      b.sessions = 100;
      b.setUp();
      try {
        for (String bearer : b.bearers) {
          assertThat(b.backend.validate(bearer)).as("%s %s", impl, kind).isNull();
        }
        assertThat(b.reject(picker())).isNull();
      } finally {
        b.tearDown();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("withSessions")
  void issues(Impl impl) {
    IssueBenchmark b = new IssueBenchmark();
    b.impl = impl;
    b.setUp();
    try {
      String bearer = b.issue(picker());
      assertThat(b.backend.validate(bearer)).isNotNull();
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest
  @MethodSource("withSessions")
  void touchesWrite(Impl impl) {
    TouchBenchmark b = new TouchBenchmark();
    b.impl = impl;
    b.sessions = 100;
    b.setUp();
    try {
      Object touched = b.touch(picker());
      assertThat(touched).isNotNull();
      if (touched instanceof ValidationResult result) {
        assertThat(result.touched()).isTrue();
      }
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest
  @MethodSource("withLists")
  void listsPages(Impl impl) {
    for (PageKind kind : PageKind.values()) {
      ListBenchmark b = new ListBenchmark();
      b.impl = impl;
      b.page = kind;
      b.userSessions = 200;
      b.otherSessions = 100;
      b.setUp();
      try {
        Object result = b.list();
        if (result instanceof Page<?> page) {
          assertThat(page.items()).hasSize(ListBenchmark.PAGE_SIZE);
        } else {
          assertThat((Map<?, ?>) result).hasSize(200);
        }
      } finally {
        b.tearDown();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("withLists")
  void revokesAll(Impl impl) {
    RevokeAllBenchmark b = new RevokeAllBenchmark();
    b.impl = impl;
    b.userSessions = 100;
    b.otherSessions = 100;
    b.setUp();
    try {
      b.logIn();
      assertThat(b.revokeAll()).isEqualTo(100);
      assertThat(b.backend.revokeAll(RevokeAllBenchmark.USER)).isZero();
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest
  @MethodSource("withLists")
  void purgesExpired(Impl impl) {
    PurgeBenchmark b = new PurgeBenchmark();
    b.impl = impl;
    b.expired = 1000;
    b.otherSessions = 100;
    b.setUp();
    try {
      b.purge();
      if (b.backend instanceof SpringJdbcBackend spring) {
        assertThat(spring.rowCount()).isEqualTo(100);
      } else {
        // Expired sessions are gone; every live one still validates after the purge.
        assertThat(b.backend.revokeAll("gone-0")).isZero();
      }
    } finally {
      b.tearDown();
    }
  }
}
