package dev.sessionkit.examples;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Serves the "active sessions" page from the jar: plain HTML, CSS and JavaScript, no build step. */
final class StaticFiles {
  private static final String ROOT = "/dev/sessionkit/examples/static/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8");

  Router register(Router router) {
    return router
        .routeIgnoringQuery("GET", "/", call -> serve(call, "index.html"))
        .routeIgnoringQuery("GET", "/app.js", call -> serve(call, "app.js"))
        .routeIgnoringQuery("GET", "/style.css", call -> serve(call, "style.css"));
  }

  private static void serve(HttpCall call, String name) throws IOException {
    try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      String extension = name.substring(name.lastIndexOf('.') + 1);
      call.responseHeader("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'");
      call.send(200, TYPES.get(extension), in.readAllBytes());
    }
  }
}
