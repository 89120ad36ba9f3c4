package dev.sessionkit.examples;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A request's query parameters, held to exactly what its route documents. Every refusal is a 400
 * {@link ErrorCode#INVALID_ARGUMENT} naming the parameter: an unknown or repeated name, a name without
 * a value, a boolean other than {@code true} / {@code false}, a number out of its range.
 */
final class QueryParams {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  // Names are echoed in messages only when they look like names (a client might paste anything there).
  private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_$.-]{1,40}");

  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  /** No parameters. */
  static QueryParams none() {
    return new QueryParams(Map.of());
  }

  /**
   * Parses a raw query ({@code application/x-www-form-urlencoded}: "+" is a space).
   *
   * @param rawQuery the query as received, null when there is none
   * @param allowed the names the route takes
   */
  static QueryParams parse(String rawQuery, Set<String> allowed) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new QueryParams(values);
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        throw invalid("the query has an empty parameter (a stray \"&\")");
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a query parameter name");
      if (!allowed.contains(name)) {
        String unknown = PRINTABLE_NAME.matcher(name).matches()
            ? "unknown query parameter \"" + name + "\"" : "an unknown query parameter";
        throw invalid(unknown + "; this route takes "
            + (allowed.isEmpty() ? "none" : String.join(", ", new TreeSet<>(allowed))));
      }
      if (eq < 0) {
        throw invalid(name + " needs a value: " + name + "=...");
      }
      if (values.putIfAbsent(name, decode(pair.substring(eq + 1), name)) != null) {
        throw invalid(name + " is given more than once");
      }
    }
    return new QueryParams(values);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  Optional<String> text(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** Exactly {@code true} or {@code false}. */
  Optional<Boolean> bool(String name) {
    return text(name).map(v -> switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(name + " must be true or false");
    });
  }

  /** Decimal digits only (no sign, no spaces), from {@code min} to {@code max}. */
  Optional<Long> number(String name, long min, long max) {
    return text(name).map(v -> {
      long n;
      try {
        n = DIGITS.matcher(v).matches() ? Long.parseLong(v) : Long.MIN_VALUE;
      } catch (NumberFormatException tooLong) {
        n = Long.MIN_VALUE;
      }
      if (n < min || n > max) {
        throw invalid(name + " must be a whole number from " + min + " to " + max);
      }
      return n;
    });
  }

  private static String decode(String text, String what) {
    try {
      return Percent.decode(text.replace('+', ' '));
    } catch (IllegalArgumentException e) {
      throw invalid(what + " is not percent-encoded UTF-8");
    }
  }

  static SessionException invalid(String message) {
    return new SessionException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
