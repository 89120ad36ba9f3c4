/**
 * sessionkit's own test helpers (log capture, secret-leak guard, fault proxy, package-boundary check);
 * not published.
 */
package dev.sessionkit.testsupport;
