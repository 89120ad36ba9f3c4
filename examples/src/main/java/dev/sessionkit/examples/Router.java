package dev.sessionkit.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny router over the JDK's HTTP server: method + path pattern ({@code {name}} matches one path
 * segment) to a handler. It also turns every {@link SessionException} into the JSON error envelope, so
 * handlers only describe the happy path.
 */
final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  @FunctionalInterface
  interface Handler {
    void handle(HttpCall call) throws IOException;
  }

  private record Route(String method, Pattern pattern, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();

  Router route(String method, String path, Handler handler) {
    String regex = path.replaceAll("\\{[a-zA-Z]+}", "([^/]+)");
    routes.add(new Route(method, Pattern.compile(regex), handler));
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath(); // already percent-decoded, once
    boolean pathKnown = false;
    try (exchange) {
      for (Route route : routes) {
        Matcher m = route.pattern().matcher(path);
        if (!m.matches()) {
          continue;
        }
        pathKnown = true;
        if (!route.method().equals(exchange.getRequestMethod())) {
          continue;
        }
        List<String> vars = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
          vars.add(m.group(i)); // decoding again would turn "%25zz" into an error and "+" into a space
        }
        HttpCall call = new HttpCall(exchange, vars);
        try {
          route.handler().handle(call);
        } catch (SessionException e) {
          if (e.code() == ErrorCode.STORE_UNAVAILABLE || e.code() == ErrorCode.INTERNAL_ERROR) {
            LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), path, e.getMessage(), e);
          }
          call.error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
          LOG.error("{} {} failed", exchange.getRequestMethod(), path, e);
          call.error(ErrorCode.INTERNAL_ERROR, "internal error");
        }
        return;
      }
      HttpCall call = new HttpCall(exchange, List.of());
      if (pathKnown) {
        call.json(405, java.util.Map.of("error", java.util.Map.of(
            "code", "METHOD_NOT_ALLOWED", "status", 405, "message", "method not allowed")));
      } else {
        call.json(404, java.util.Map.of("error", java.util.Map.of(
            "code", "NOT_FOUND", "status", 404, "message", "no such route")));
      }
    }
  }
}
