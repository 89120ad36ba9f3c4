package dev.sessionkit.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One Lua script (common.lua, then its own file), run by EVALSHA, and by EVAL when the server does
 * not know it yet (NOSCRIPT: a restart, a failover, SCRIPT FLUSH), which also loads it. In a cluster
 * both go to the node serving the first key's slot, so each node loads a script on its first use.
 */
final class Script {
  static final Script CREATE = load("create");
  static final Script TOUCH = load("touch");
  static final Script ROTATE = load("rotate");
  static final Script ATTRIBUTES = load("attributes");
  static final Script REVOKE = load("revoke");
  static final Script REVOKE_ALL = load("revoke-all");
  static final Script PURGE = load("purge");
  static final Script LIST = load("list");

  private final String name;
  private final String text;
  private final String sha;

  private Script(String name, String text) {
    this.name = name;
    this.text = text;
    this.sha = sha1(text);
  }

  /**
   * @param commands the connection's commands
   * @param output what the script returns
   * @param keys its KEYS
   * @param args its ARGV (the prefix and the stream length first)
   * @return the script's answer
   */
  <T> T run(RedisClusterCommands<byte[], byte[]> commands, ScriptOutputType output, byte[][] keys, List<byte[]> args) {
    byte[][] values = args.toArray(new byte[0][]);
    try {
      return commands.evalsha(sha, output, keys, values);
    } catch (RedisNoScriptException unknown) {
      return commands.eval(text, output, keys, values);
    }
  }

  @Override
  public String toString() {
    return "Script[" + name + "]";
  }

  private static Script load(String name) {
    return new Script(name, resource("common") + "\n" + resource(name));
  }

  private static String resource(String name) {
    try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
