/**
 * The contract every sessionkit store passes. A store's test extends {@link
 * dev.sessionkit.testkit.SessionStoreContract} and implements {@code newStore(Clock)}; stores whose
 * instances share a backend also extend {@link dev.sessionkit.testkit.MultiNodeContract}. The helpers
 * ({@link dev.sessionkit.testkit.FakeClock}, {@link dev.sessionkit.testkit.RecordingListener}, {@link
 * dev.sessionkit.testkit.ReferenceSessionStore}) are public for store authors' own tests.
 */
package dev.sessionkit.testkit;
