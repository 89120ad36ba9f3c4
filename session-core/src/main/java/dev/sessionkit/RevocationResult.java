package dev.sessionkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a revoke call did.
 *
 * @param revokedSessions the last state of every session this call revoked
 * @param notFoundIds ids the caller named that were not revoked: unknown, expired, malformed, or owned by
 *     somebody else (these look the same on purpose); empty for revoke-all calls
 * @param currentSessionRevoked whether the caller's current session was among the revoked
 */
public record RevocationResult(
    List<Session> revokedSessions, List<String> notFoundIds, boolean currentSessionRevoked) {

  /**
   * Copies the lists.
   *
   * @param revokedSessions the last state of every session this call revoked
   * @param notFoundIds ids the caller named that were not revoked: unknown, expired, malformed, or owned by somebody else (these look the same on purpose); empty for revoke-all calls
   * @param currentSessionRevoked whether the caller's current session was among the revoked
   */
  public RevocationResult {
    revokedSessions = List.copyOf(revokedSessions);
    notFoundIds = List.copyOf(notFoundIds);
  }

  /** @return the ids of the revoked sessions, in the order of {@link #revokedSessions()} */
  public List<SessionId> revokedIds() {
    return revokedSessions.stream().map(Session::id).toList();
  }

  /** @return how many sessions were revoked */
  public int revokedCount() {
    return revokedSessions.size();
  }

  /** @return whether at least one session was revoked */
  public boolean anyRevoked() {
    return !revokedSessions.isEmpty();
  }

  /**
   * The revoked session's last state, for single revokes whose API answers with the deleted session.
   *
   * @return the session when exactly one was revoked
   */
  public Optional<Session> revokedSession() {
    return revokedSessions.size() == 1 ? Optional.of(revokedSessions.get(0)) : Optional.empty();
  }

  static RevocationResult of(List<Session> revoked, List<String> notFound, @Nullable SessionId current) {
    boolean currentRevoked =
        current != null && revoked.stream().anyMatch(s -> s.id().equals(current));
    return new RevocationResult(revoked, Objects.requireNonNull(notFound), currentRevoked);
  }
}
