package dev.sessionkit.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny router over the JDK's HTTP server: method + path pattern ({@code {name}} matches one path
 * segment) to a handler. Every answer it or a handler makes is the JSON error envelope when it is an
 * error: unknown paths are {@link ErrorCode#NOT_FOUND}, a method a path lacks is {@link
 * ErrorCode#METHOD_NOT_ALLOWED} with an {@code Allow} header, and a {@link SessionException} from a
 * handler is its code. {@code HEAD} runs the {@code GET} handler and sends no body.
 *
 * <p>The query is checked before the handler runs, against the parameter names the route takes;
 * handlers read the values (after the route and the query, the token is checked, then the body).
 *
 * <p>Paths are matched segment by segment, each percent-decoded on its own (an encoded slash stays in
 * its segment). A literal segment beats a variable: {@code /sessions/count} is the count route for
 * every method, never the session "count", so {@code DELETE /sessions/count} is a 405. Paths with an
 * empty, "." or ".." segment ({@code /sessions/}, {@code /a//b}) name no route.
 */
final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  @FunctionalInterface
  interface Handler {
    void handle(HttpCall call) throws IOException;
  }

  /** A handler and the query parameter names it takes; null names: it ignores the query (pages do). */
  private record Route(String pattern, Set<String> queryNames, Handler handler) {}

  /** One path position: a child per literal segment, one for any other segment, and the routes ending here. */
  private static final class Node {
    final Map<String, Node> literals = new HashMap<>();
    Node variable;
    final Map<String, Route> methods = new TreeMap<>(); // sorted, for the Allow header
  }

  private final Node root = new Node();

  /** A route that takes no query parameters. */
  Router route(String method, String path, Handler handler) {
    return route(method, path, Set.of(), handler);
  }

  /** A route that takes these query parameters; any other, or one given twice, is a 400. */
  Router route(String method, String path, Set<String> queryNames, Handler handler) {
    return add(method, path, new Route(path, Objects.requireNonNull(queryNames), handler));
  }

  /** A route that ignores the query string, as web pages do ({@code /?utm_source=...}). */
  Router routeIgnoringQuery(String method, String path, Handler handler) {
    return add(method, path, new Route(path, null, handler));
  }

  private Router add(String method, String path, Route route) {
    Node node = root;
    for (String segment : PathSegments.split(path)) {
      if (segment.startsWith("{")) {
        node = node.variable != null ? node.variable : (node.variable = new Node());
      } else {
        node = node.literals.computeIfAbsent(segment, s -> new Node());
      }
    }
    if (node.methods.putIfAbsent(method, route) != null) {
      throw new IllegalStateException("two routes for " + method + " " + path);
    }
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpCall call = new HttpCall(exchange);
      String route = exchange.getRequestMethod() + " (no route)"; // for logs: the pattern, never the path
      try {
        List<String> variables = new ArrayList<>();
        Node node = find(PathSegments.rawPath(exchange.getRequestURI()), variables);
        Route target = node == null ? null : methodRoute(node, exchange.getRequestMethod());
        if (target == null) {
          throw refusal(call, node);
        }
        route = exchange.getRequestMethod() + " " + target.pattern();
        call.pathVariables(variables);
        if (target.queryNames() != null) {
          call.query(QueryParams.parse(exchange.getRequestURI().getRawQuery(), target.queryNames()));
        }
        target.handler().handle(call);
      } catch (SessionException e) {
        if (e.code() == ErrorCode.STORE_UNAVAILABLE || e.code() == ErrorCode.INTERNAL_ERROR) {
          LOG.warn("{} failed: {}", route, e.getMessage(), e);
        }
        if (e instanceof TooManyRequests refused) {
          call.responseHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
        }
        call.error(e.code(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("{} failed", route, e);
        call.error(ErrorCode.INTERNAL_ERROR, "internal error");
      }
    }
  }

  /** The node a raw path leads to, collecting the decoded variable segments; null when none. */
  private Node find(String rawPath, List<String> variables) {
    Node node = root;
    for (String raw : PathSegments.split(rawPath)) {
      if (raw.isEmpty() || raw.equals(".") || raw.equals("..")) {
        return null;
      }
      String segment = PathSegments.decode(raw);
      Node literal = node.literals.get(segment);
      if (literal != null) {
        node = literal;
      } else if (node.variable != null) {
        variables.add(segment);
        node = node.variable;
      } else {
        return null;
      }
    }
    return node;
  }

  private static Route methodRoute(Node node, String method) {
    Route route = node.methods.get(method);
    return route == null && method.equals("HEAD") ? node.methods.get("GET") : route;
  }

  /** 404 for a path no route has, 405 with an {@code Allow} header for a method the path lacks. */
  private static SessionException refusal(HttpCall call, Node node) {
    if (node == null || node.methods.isEmpty()) {
      return new SessionException(ErrorCode.NOT_FOUND, "no such route");
    }
    List<String> allowed = new ArrayList<>(node.methods.keySet());
    if (allowed.contains("GET")) {
      allowed.add("HEAD");
      allowed.sort(null);
    }
    String allow = String.join(", ", allowed);
    call.responseHeader("Allow", allow);
    return new SessionException(ErrorCode.METHOD_NOT_ALLOWED, "this path takes " + allow);
  }
}
