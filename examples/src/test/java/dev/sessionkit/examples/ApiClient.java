package dev.sessionkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A JSON client for the example server, on {@link HttpClient}. */
final class ApiClient {
  static final String CHROME_UA =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
  private static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  ApiClient(URI base) {
    this.base = base;
  }

  Response call(String method, String path, String token, Object body) {
    HttpRequest.Builder request = request(path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      String text;
      try {
        text = body instanceof String s ? s : JSON.writeValueAsString(body);
      } catch (IOException e) {
        throw new IllegalArgumentException(e);
      }
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(request);
  }

  /** A request to a path with this client's user agent and Accept header; the caller finishes it. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(20))
        .header("User-Agent", CHROME_UA)
        .header("Accept", "application/json");
  }

  /** Sends a request; a JSON answer is parsed, any other is a null node (see {@code raw()}). */
  Response send(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode json = text == null || text.isEmpty() || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
          ? JSON.nullNode() : JSON.readTree(text);
      return new Response(response.statusCode(), json, response);
    } catch (IOException e) {
      throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response get(String path, String token) {
    return call("GET", path, token, null);
  }

  Response delete(String path, String token) {
    return call("DELETE", path, token, null);
  }

  Response post(String path, String token, Object body) {
    return call("POST", path, token, body);
  }

  /** Signs in and returns the login response. */
  Response login(String user, String password, String deviceName) {
    return post("/login", null, Map.of("username", user, "password", password, "deviceName", deviceName));
  }

  /** Signs in and returns the token. */
  String token(String user, String deviceName) {
    Response r = login(user, user + "-password", deviceName);
    if (r.status() != 201) {
      throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
    }
    return r.body().get("token").asText();
  }
}
