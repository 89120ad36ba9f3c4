package dev.sessionkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HTTP request and its answer: path variables, query, JSON body in, JSON out. */
final class HttpCall {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 64 * 1024;

  final HttpExchange exchange;
  private List<String> pathVariables = List.of();
  private QueryParams query = QueryParams.none();

  HttpCall(HttpExchange exchange) {
    this.exchange = exchange;
  }

  /** Set by the router once the route is known: the decoded {@code {name}} segments, in order. */
  void pathVariables(List<String> values) {
    pathVariables = List.copyOf(values);
  }

  /** Set by the router: the query, checked against the names the route takes. */
  void query(QueryParams params) {
    query = params;
  }

  QueryParams query() {
    return query;
  }

  String path(int index) {
    return pathVariables.get(index);
  }

  void responseHeader(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  /** The JSON body, an empty object when there is none; malformed JSON is a 400. */
  JsonNode body() throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new SessionException(ErrorCode.INVALID_ARGUMENT, "request body too large");
      }
      if (bytes.length == 0) {
        return JSON.createObjectNode();
      }
      try {
        JsonNode node = JSON.readTree(bytes);
        if (node == null || !node.isObject()) {
          throw new SessionException(ErrorCode.INVALID_ARGUMENT, "request body must be a JSON object");
        }
        return node;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new SessionException(ErrorCode.INVALID_ARGUMENT, "request body is not valid JSON");
      }
    }
  }

  void json(int status, Object body) throws IOException {
    send(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
  }

  /** Sends the answer; to a HEAD request, its headers only (the length it would have, but no body). */
  void send(int status, String contentType, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (exchange.getRequestMethod().equals("HEAD")) {
      // -1 means "no body"; the JDK server warns about a HEAD answer given any length, so it is set here.
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The error envelope every route uses: the library's machine code and the matching status. */
  void error(ErrorCode code, String message) throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code.name());
    error.put("status", code.httpStatus());
    error.put("message", message);
    if (code == ErrorCode.INVALID_TOKEN) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    }
    json(code.httpStatus(), Map.of("error", error));
  }
}
