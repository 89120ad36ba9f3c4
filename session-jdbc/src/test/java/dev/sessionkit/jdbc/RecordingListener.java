package dev.sessionkit.jdbc;

import dev.sessionkit.SessionId;
import dev.sessionkit.spi.InvalidationListener;
import java.util.ArrayList;
import java.util.List;

/** What a source delivered: each invalidated id, and "*" for each invalidateAll, in order. */
final class RecordingListener implements InvalidationListener {
  private final List<String> calls = new ArrayList<>();

  @Override
  public void invalidate(SessionId id) {
    calls.add(id.value());
  }

  @Override
  public void invalidateAll() {
    calls.add("*");
  }

  /** The calls since the last look, then forgets them. */
  List<String> take() {
    List<String> taken = List.copyOf(calls);
    calls.clear();
    return taken;
  }
}
