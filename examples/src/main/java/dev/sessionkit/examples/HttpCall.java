package dev.sessionkit.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One HTTP request and its answer: path variables, query, JSON body in, JSON out. */
final class HttpCall {
  /** Strict: trailing text after the object and a field given twice are errors, not ignored. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  static final int MAX_BODY_BYTES = 64 * 1024;
  /** Bytes of a body left unread that the server drops after its answer, before it closes the connection. */
  static final int MAX_DRAIN_BYTES = 1024 * 1024;
  static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_$.-]{1,40}");
  private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
  private static final HttpField NO_SNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");

  private final Request request;
  private final Response response;
  private final Callback callback;
  private List<String> pathVariables = List.of();
  private QueryParams query = QueryParams.none();
  private boolean bodyBroken;

  HttpCall(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  String method() {
    return request.getMethod();
  }

  /** The path as the client sent it, still percent-encoded ("*" for {@code OPTIONS *}). */
  String rawPath() {
    return request.getHttpURI().getPath();
  }

  /** The query as the client sent it, null when there is none. */
  String rawQuery() {
    return request.getHttpURI().getQuery();
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
    response.getHeaders().put(name, value);
  }

  /**
   * The address the request came from: its connection's, or, on a connection from a proxy the operator
   * trusts, the one that proxy reports (see {@link ForwardedClientAddress}); never what a client
   * writes in a header. IPv6 without Jetty's brackets ({@code 2001:db8:0:0:0:0:0:7}).
   */
  String clientAddress() {
    if (request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress remote
        && remote.getAddress() != null) {
      return remote.getAddress().getHostAddress();
    }
    return Request.getRemoteAddr(request);
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  /**
   * A header's text as the client meant it: Jetty reads header bytes as ISO-8859-1, one char per
   * byte, while browsers and apps send UTF-8 (a User-Agent naming the device "Pixel \u2013 Caf\u00e9"),
   * whose bytes 0x80 to 0x9F would read as C1 control characters. The bytes are decoded again as
   * UTF-8, invalid sequences becoming U+FFFD; control characters are dropped; the text is cut to
   * {@link ClientInfo#MAX_LENGTH} chars, where {@link ClientInfo} cuts it, never inside a surrogate pair.
   * Empty when the header is missing or nothing is left.
   */
  Optional<String> clientText(String name) {
    String raw = request.getHeaders().get(name);
    if (raw == null) {
      return Optional.empty();
    }
    // One char per byte from Jetty; a char past 0xFF (none is) would become "?", never a second byte.
    String decoded = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    StringBuilder text = new StringBuilder(decoded.length()); // at most the 8 kB of headers
    decoded.codePoints().filter(c -> !Character.isISOControl(c)).forEach(text::appendCodePoint);
    String value = text.toString().strip();
    if (value.length() > ClientInfo.MAX_LENGTH) { // decoded UTF-8 has whole surrogate pairs only
      value = value.substring(0, ClientInfo.MAX_LENGTH - (Character.isHighSurrogate(value.charAt(ClientInfo.MAX_LENGTH - 1)) ? 1 : 0));
    }
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * The JSON object in the request body, or empty when there is none. Refused, in this order: a body
   * that is not {@code application/json} in UTF-8 (415) or whose declared length is over the limit
   * (413), both before a byte of it is read (so a client that sent {@code Expect: 100-continue} is
   * never asked for it); a transfer coding other than chunked (400); a body that grows past the limit
   * while read (413: a chunked one); a body that stops arriving for the idle timeout or comes slower
   * than {@link ExampleServer#MIN_BODY_BYTES_PER_SECOND} (400); bytes that are not UTF-8, or a byte
   * order mark (400); text that is not one JSON object (400); a field other than {@code fields} (400, naming it). What is left of a
   * refused body is dropped (see {@link #send}).
   *
   * @param fields the names the route's body may hold
   */
  Optional<ObjectNode> jsonBody(Set<String> fields) {
    // Jetty has refused a Content-Length that is not a number, one beside Transfer-Encoding, and
    // transfer codings that do not end in chunked. No length and no coding is no body ("00" is 0).
    String transferEncoding = request.getHeaders().get(HttpHeader.TRANSFER_ENCODING);
    if (transferEncoding == null && request.getLength() <= 0) {
      return Optional.empty();
    }
    if (!isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
      throw new SessionException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "request bodies must be application/json (UTF-8)");
    }
    if (request.getLength() > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    if (transferEncoding != null && !transferEncoding.trim().equalsIgnoreCase("chunked")) {
      // "gzip, chunked": Jetty undoes the chunking, nothing undoes the rest.
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, "the only transfer coding taken is chunked");
    }
    byte[] bytes;
    try {
      InputStream in = Content.Source.asInputStream(request);
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) { // it stalled for the idle timeout, came too slowly, or the client went away
      bodyBroken = true;
      throw new SessionException(ErrorCode.INVALID_ARGUMENT,
          "the request body stopped arriving, or came slower than " + ExampleServer.MIN_BODY_BYTES_PER_SECOND + " bytes a second");
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    if (bytes.length == 0) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(utf8(bytes)); // text, so Jackson detects no encoding of its own
    } catch (IOException e) {
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

  /**
   * The body's text, which must be UTF-8 (RFC 8259) without a byte order mark. Read as bytes, Jackson
   * would take UTF-16 and UTF-32 too, guessing from the first bytes; here UTF-16 or UTF-32 text is
   * either malformed UTF-8 (a byte order mark, most characters) or NUL characters, which no JSON
   * holds outside a string and no string holds unescaped, so the parser refuses it.
   */
  private static String utf8(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) { // overlong forms, encoded surrogates, stray bytes, cut sequences
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, "request body is not valid UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, "request body starts with a byte order mark; send UTF-8 without one");
    }
    return text;
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

  void json(int status, Object body) throws JsonProcessingException {
    send(status, JSON_TYPE, JSON.writeValueAsBytes(body));
  }

  /**
   * Sends the whole answer in one write, which ends the call; Jetty sets its Content-Length and, to
   * a HEAD request, sends the headers only.
   */
  void send(int status, String contentType, byte[] bytes) {
    if (dropArrivedBody()) { // all of it (or none was sent): the connection serves the next request
      send(response, status, contentType, bytes, callback);
      return;
    }
    // More of a body the route did not read is to come (refused, or never wanted). The answer says the
    // connection closes; then up to MAX_DRAIN_BYTES of the rest are read and dropped, so that a client
    // still sending it reads the answer, not a reset connection. A client waiting for "100 Continue"
    // sends nothing more (it has its answer), nor does one whose body stopped or crawled.
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    boolean waitingToSend = request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
    send(response, status, contentType, bytes, waitingToSend || bodyBroken ? callback
        : Callback.from(() -> dropBody(MAX_DRAIN_BYTES, callback::succeeded), callback::failed));
  }

  /** Reads and drops what has arrived of the body; true when that was all of it. */
  private boolean dropArrivedBody() {
    for (Content.Chunk chunk = request.read(); chunk != null; chunk = request.read()) {
      chunk.release();
      if (Content.Chunk.isFailure(chunk)) {
        return false;
      }
      if (chunk.isLast()) {
        return true;
      }
    }
    return false;
  }

  /** Reads and drops the body as it comes, without holding a thread, up to its end or {@code max} bytes. */
  private void dropBody(long max, Runnable then) {
    new Runnable() {
      private long dropped;

      @Override
      public void run() {
        for (Content.Chunk chunk = request.read(); ; chunk = request.read()) {
          if (chunk == null) {
            request.demand(this);
            return;
          }
          dropped += chunk.remaining();
          chunk.release();
          if (chunk.isLast() || Content.Chunk.isFailure(chunk) || dropped > max) {
            then.run(); // Jetty closes the connection, with anything past max still unread
            return;
          }
        }
      }
    }.run();
  }

  static void send(Response response, int status, String contentType, byte[] bytes, Callback callback) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(NO_STORE);
    response.getHeaders().put(NO_SNIFF);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  /** The error envelope every route uses: the library's machine code and the matching status. */
  void error(ErrorCode code, String message) throws JsonProcessingException {
    if (code == ErrorCode.INVALID_TOKEN) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
    }
    send(code.httpStatus(), JSON_TYPE, errorBody(code, message));
  }

  /** {@code {"error":{"code":..,"status":..,"message":..}}}, for the router and for Jetty's own errors. */
  static byte[] errorBody(ErrorCode code, String message) throws JsonProcessingException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code.name());
    error.put("status", code.httpStatus());
    error.put("message", message);
    return JSON.writeValueAsBytes(Map.of("error", error));
  }
}
