package dev.sessionkit.examples;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The demo's user table: three users, one of them an administrator. Deciding who is an admin is the
 * application's job, not sessionkit's; this is where the example decides. Passwords are compared as
 * SHA-256 digests in constant time; a real application uses a password hash such as Argon2 or bcrypt.
 */
final class DemoUsers {
  private record User(byte[] passwordDigest, boolean admin) {}

  private final Map<String, User> users =
      Map.of(
          "alice", new User(digest("alice-password"), false),
          "bob", new User(digest("bob-password"), false),
          "admin", new User(digest("admin-password"), true));

  boolean authenticate(String username, String password) {
    User user = username == null ? null : users.get(username);
    byte[] presented = digest(password == null ? "" : password);
    // Compare against a dummy digest for unknown users too, so timing does not reveal who exists.
    byte[] expected = user == null ? digest("\0no such user") : user.passwordDigest();
    return MessageDigest.isEqual(presented, expected) && user != null;
  }

  boolean isAdmin(String username) {
    User user = users.get(username);
    return user != null && user.admin();
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
