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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

  /** Reads the row the result set is on, columns in {@link #COLUMNS} order. */
  StoredSession read(ResultSet rs) throws SQLException {
    ClientInfo client =
        new ClientInfo(
            rs.getString(9),
            rs.getString(10),
            rs.getString(11),
            rs.getString(12),
            deviceType(rs.getString(13)),
            rs.getString(14),
            rs.getString(15),
            rs.getString(16),
            rs.getString(17));
    Session session =
        new Session(
            new SessionId(rs.getString(1)),
            rs.getString(2),
            Instant.ofEpochMilli(rs.getLong(4)),
            Instant.ofEpochMilli(rs.getLong(5)),
            Instant.ofEpochMilli(rs.getLong(6)),
            Instant.ofEpochMilli(rs.getLong(7)),
            rs.getLong(8),
            client,
            attributes(rs.getString(18)));
    return new StoredSession(session, rs.getBytes(3));
  }

  private Map<String, String> attributes(String text) {
    if (text == null || text.equals("{}")) {
      return Map.of();
    }
    try {
      return json.readValue(text, ATTRIBUTES);
    } catch (JsonProcessingException e) {
      throw new SessionException(ErrorCode.INTERNAL_ERROR, "stored session attributes are not valid JSON", e);
    }
  }

  /**
   * The device type of a name; null for a name this version does not know (a newer version's type,
   * a hand-edited row), which {@link ClientInfo} reads as {@link DeviceType#UNKNOWN}.
   */
  private static DeviceType deviceType(String name) {
    return DEVICE_TYPES.get(name);
  }
}
