/**
 * Micrometer meters for sessionkit.
 *
 * <p>Two parts, installed together with {@link dev.sessionkit.micrometer.SessionMetrics#instrument}:
 *
 * <ul>
 *   <li>{@link dev.sessionkit.micrometer.SessionMetrics}, a {@link dev.sessionkit.SessionListener}
 *       that counts issues, validations by outcome, rotations, revocations by reason, purged
 *       sessions, cap evictions and refusals;
 *   <li>{@link dev.sessionkit.micrometer.MeteredSessionStore}, a {@link
 *       dev.sessionkit.spi.ForwardingSessionStore} that times every store call by operation and, when
 *       the store can tell its size cheaply, gauges how many sessions it holds.
 * </ul>
 *
 * <p>Every meter is registered up front, so the request path increments a counter it already holds:
 * no registry lookup and no allocation per validation. No meter is tagged with a subject, a session
 * id, a token or a hash: tags are fixed, small sets (outcome, reason, operation) plus the tags the
 * application passes in.
 *
 * <p>Zero cost when not installed: {@code session-core} does not depend on Micrometer and none of
 * its classes refers to it; an application that leaves this module out loads no Micrometer class.
 */
@NullMarked
package dev.sessionkit.micrometer;

import org.jspecify.annotations.NullMarked;
