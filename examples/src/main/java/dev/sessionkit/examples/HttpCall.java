package dev.sessionkit.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** One HTTP request and its answer: path variables, query, JSON body in, JSON out. */
final class HttpCall {
  /** Strict: trailing text after the object and a field given twice are errors, not ignored. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_$.-]{1,40}");

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

  /**
   * The address the request came from. The example listens on 127.0.0.1 with no proxy in front; behind
   * one, this would be the address the proxy reports (X-Forwarded-For, set by the proxy only).
   */
  String clientAddress() {
    return exchange.getRemoteAddress().getAddress().getHostAddress();
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  /**
   * The JSON object in the request body, or empty when there is none. Refused, in this order: a body
   * that is not {@code application/json} in UTF-8 (415) or whose declared length is over the limit
   * (413), both before a byte of it is read; a body that grows past the limit while read (413: a
   * chunked one); text that is not one JSON object (400); a field other than {@code fields} (400,
   * naming it). Whatever of a refused body is left unread, the JDK server reads and drops (up to
   * sun.net.httpserver.drainAmount), so the client gets the answer instead of a reset connection.
   *
   * @param fields the names the route's body may hold
   */
  Optional<ObjectNode> jsonBody(Set<String> fields) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    boolean chunked = exchange.getRequestHeaders().containsKey("Transfer-Encoding");
    // The JDK server has refused a Content-Length that is not a number, or beside Transfer-Encoding.
    if (!chunked && (length == null || Long.parseLong(length) == 0)) {
      return Optional.empty();
    }
    if (!isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
      throw new SessionException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "request bodies must be application/json (UTF-8)");
    }
    if (!chunked && Long.parseLong(length) > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    if (bytes.length == 0) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, "request body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, "request body must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        String unknown = PRINTABLE_NAME.matcher(name).matches() ? "unknown field \"" + name + "\"" : "an unknown field";
        throw new SessionException(ErrorCode.INVALID_ARGUMENT,
            "request body has " + unknown + "; this route takes " + String.join(", ", new TreeSet<>(fields)));
      }
    }
    return Optional.of((ObjectNode) node);
  }

  /** {@code application/json}, with at most a UTF-8 charset parameter (RFC 8259 JSON is UTF-8). */
  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].trim().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      String value = parameter.length < 2 ? "" : parameter[1].trim().replaceAll("^\"(.*)\"$", "$1");
      if (!parameter[0].trim().equalsIgnoreCase("charset") || !value.equalsIgnoreCase("utf-8")) {
        return false;
      }
    }
    return true;
  }

  private static SessionException tooLarge() {
    return new SessionException(ErrorCode.PAYLOAD_TOO_LARGE, "request body is over " + MAX_BODY_BYTES + " bytes");
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
