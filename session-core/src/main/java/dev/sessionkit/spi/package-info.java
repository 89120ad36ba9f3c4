/**
 * The store SPI: {@link dev.sessionkit.spi.SessionStore} is what a backend implements (the Caffeine
 * and JDBC stores ship with sessionkit), and {@link dev.sessionkit.spi.ForwardingSessionStore} is the
 * base of decorators. A store keeps only what must be atomic in its backend; the service owns the
 * policy. Third-party stores prove themselves with the contract in {@code
 * dev.sessionkit:session-testkit}.
 */
@NullMarked
package dev.sessionkit.spi;

import org.jspecify.annotations.NullMarked;
