package dev.sessionkit.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.DeviceType;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.StoredSession;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mapping between a session and a table row: the column list every SELECT and RETURNING uses
 * (read by position, in this order), the INSERT parameters, and attributes as JSON text via Jackson.
 */
final class SessionRows {
  /** Every column, in the order {@link #read} expects. */
  static final String COLUMNS =
      "id, subject, secret_hash, created_at, last_accessed_at, expires_at, idle_expires_at, version,"
          + " ip_address, user_agent, browser, operating_system, device_type, device_name, environment,"
          + " authentication_type, fingerprint, attributes";

  /** One placeholder per column of {@link #COLUMNS}. */
  static final String VALUES = Sql.placeholders(18);

  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};

  private static final Map<String, DeviceType> DEVICE_TYPES = new java.util.HashMap<>();

  static {
    for (DeviceType type : DeviceType.values()) {
      DEVICE_TYPES.put(type.name(), type);
    }
  }

  private final ObjectMapper json;

  SessionRows(ObjectMapper json) {
    this.json = json;
  }

  /** The INSERT parameters of a new session, in {@link #COLUMNS} order. */
  Object[] insertParams(StoredSession stored) {
    Session s = stored.session();
    ClientInfo c = s.client();
    return new Object[] {
      s.id().value(),
      s.subject(),
      stored.secretHash(),
      s.createdAt().toEpochMilli(),
      s.lastAccessedAt().toEpochMilli(),
      s.expiresAt().toEpochMilli(),
      s.idleExpiresAt().toEpochMilli(),
      s.version(),
      c.ipAddress(),
      c.userAgent(),
      c.browser(),
      c.operatingSystem(),
      c.deviceType().name(),
      c.deviceName(),
      c.environment(),
      c.authenticationType(),
      c.fingerprint(),
      attributesJson(s.attributes())
    };
  }

  /** Attributes as a JSON object; the map was validated by the service (strings only). */
  String attributesJson(Map<String, String> attributes) {
    if (attributes.isEmpty()) {
      return "{}";
    }
    try {
      return json.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      // Cannot happen for a Map<String, String>, short of a misconfigured ObjectMapper.
      throw new SessionException(ErrorCode.INTERNAL_ERROR, "cannot encode session attributes", e);
    }
  }

  /**
   * Reads the row the result set is on, columns in {@link #COLUMNS} order.
   *
   * <p>Rows may predate the API's validation or be written by hand, so the text that is only shown
   * (client info, attributes) is read leniently: an unpaired surrogate or a control character becomes
   * U+FFFD, and bytes the driver cannot decode (PostgreSQL's driver fails on invalid UTF-8, which a
   * SQL_ASCII database keeps) are decoded with U+FFFD in their place. A row that still cannot be read
   * (a malformed id, attributes that are no JSON object, an undecodable id or subject) is a {@link
   * SessionException} with {@link ErrorCode#INTERNAL_ERROR}: the database answered, so it is not
   * {@link ErrorCode#STORE_UNAVAILABLE}, and neither the message nor the cause quotes the row.
   */
  StoredSession read(ResultSet rs) throws SQLException {
    String column = "id";
    try {
      SessionId id = new SessionId(rs.getString(1));
      column = "subject";
      String subject = rs.getString(2);
      column = "client info";
      ClientInfo client =
          new ClientInfo(
              display(rs, 9),
              display(rs, 10),
              display(rs, 11),
              display(rs, 12),
              deviceType(display(rs, 13)),
              display(rs, 14),
              display(rs, 15),
              display(rs, 16),
              display(rs, 17));
      column = "attributes";
      Map<String, String> attributes = attributes(display(rs, 18));
      column = "times or version";
      Session session =
          new Session(
              id,
              subject,
              Instant.ofEpochMilli(rs.getLong(4)),
              Instant.ofEpochMilli(rs.getLong(5)),
              Instant.ofEpochMilli(rs.getLong(6)),
              Instant.ofEpochMilli(rs.getLong(7)),
              rs.getLong(8),
              client,
              attributes);
      column = "secret_hash";
      return new StoredSession(session, rs.getBytes(3));
    } catch (SQLException e) {
      if (!isDataError(e)) {
        throw e; // the connection or the statement failed: an outage, not this row
      }
      throw unreadable(column, e.getClass().getSimpleName(), RedactedFailure.of(e));
    } catch (SessionException | IllegalArgumentException | NullPointerException | DateTimeException e) {
      if (e instanceof SessionException s && s.code() == ErrorCode.INTERNAL_ERROR) {
        throw s; // already says which column
      }
      // The API's own checks: their messages name a field, never its value.
      throw unreadable(column, e.getClass().getSimpleName(), e);
    }
  }

  private static SessionException unreadable(String column, String problem, Throwable cause) {
    return new SessionException(ErrorCode.INTERNAL_ERROR,
        "a stored session cannot be read: its " + column + " is malformed (" + problem + ")", cause);
  }

  /** SQL state class 22, data exception: the value cannot be converted (PostgreSQL: invalid UTF-8). */
  private static boolean isDataError(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("22");
  }

  /**
   * Text that is only displayed, read leniently: undecodable bytes, unpaired surrogates and control
   * characters each become U+FFFD.
   */
  private static String display(ResultSet rs, int column) throws SQLException {
    String text;
    try {
      text = rs.getString(column);
    } catch (SQLException e) {
      if (!isDataError(e)) {
        throw e;
      }
      byte[] raw = rs.getBytes(column); // the bytes as the database holds them
      text = raw == null ? null : new String(raw, StandardCharsets.UTF_8); // malformed input becomes U+FFFD
    }
    return text == null ? null : replaceMalformed(text, true);
  }

  private static final char REPLACEMENT = '\uFFFD';

  /** Unpaired surrogates (and control characters, if asked) replaced by U+FFFD. */
  static String replaceMalformed(String text, boolean controls) {
    StringBuilder out = null;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
      boolean bad = !pair && (Character.isSurrogate(c) || (controls && Character.isISOControl(c)));
      if (bad && out == null) {
        out = new StringBuilder(n).append(text, 0, i);
      }
      if (out != null) {
        if (bad) {
          out.append(REPLACEMENT);
        } else if (pair) {
          out.append(c).append(text.charAt(i + 1));
        } else {
          out.append(c);
        }
      }
      if (pair) {
        i++;
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * Attributes from their JSON text. Unpaired surrogates (as JSON escapes or raw) become U+FFFD, in
   * names also control characters, as the API refuses them there; a null value is dropped. Text that
   * is no JSON object of strings fails without the parser's message, which quotes the text.
   */
  private Map<String, String> attributes(String text) {
    if (text == null || text.equals("{}")) {
      return Map.of();
    }
    Map<String, String> parsed;
    try {
      parsed = json.readValue(text, ATTRIBUTES);
    } catch (JsonProcessingException e) {
      throw unreadable("attributes", "not a JSON object of strings: " + e.getClass().getSimpleName(), null);
    }
    if (parsed == null) {
      throw unreadable("attributes", "JSON null", null);
    }
    Map<String, String> clean = new LinkedHashMap<>();
    parsed.forEach((key, value) -> {
      if (key != null && value != null) {
        clean.putIfAbsent(replaceMalformed(key, true), replaceMalformed(value, false));
      }
    });
    return clean;
  }

  /**
   * The device type of a name; null for a name this version does not know (a newer version's type,
   * a hand-edited row), which {@link ClientInfo} reads as {@link DeviceType#UNKNOWN}.
   */
  private static DeviceType deviceType(String name) {
    return DEVICE_TYPES.get(name);
  }
}
