package dev.sessionkit.examples;

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
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny router, the one Jetty handler of the example: method + path pattern ({@code {name}} matches one path
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
 * empty, "." or ".." segment ({@code /sessions/}, {@code /a//b}, {@code //sessions}) name no route, nor
 * does a target that is not a path ({@code OPTIONS *}). The path is Jetty's raw one, never its
 * decoded and normalized form, so none of that ambiguity reaches a route.
 *
 * <p>Handlers block (a store call waits on the database), on one of Jetty's request threads; by then
 * Jetty has read the request line and headers without holding a thread.
 */
final class Router extends org.eclipse.jetty.server.Handler.Abstract {
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
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpCall call = new HttpCall(request, response, callback);
    String route = call.method() + " (no route)"; // for logs: the pattern, never the path
    try {
      List<String> variables = new ArrayList<>();
      Node node = find(call.rawPath(), variables);
      Route target = node == null ? null : methodRoute(node, call.method());
      if (target == null) {
        throw refusal(call, node);
      }
      route = call.method() + " " + target.pattern();
      call.pathVariables(variables);
      if (target.queryNames() != null) {
        call.query(QueryParams.parse(call.rawQuery(), target.queryNames()));
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
    } catch (IOException | RuntimeException e) {
      LOG.error("{} failed", route, e);
      call.error(ErrorCode.INTERNAL_ERROR, "internal error");
    }
    return true; // answered, always: Jetty's own 404 page never shows
  }

  /** The node a raw path leads to, collecting the decoded variable segments; null when none. */
  private Node find(String rawPath, List<String> variables) {
    if (!rawPath.startsWith("/")) {
      return null; // "*"
    }
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
