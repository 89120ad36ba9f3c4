/**
 * sessionkit's API: issue a session at login ({@link dev.sessionkit.SessionService#issue}), validate
 * its bearer token on every request ({@link dev.sessionkit.SessionService#validate}), and manage a
 * subject's sessions as the user ({@link dev.sessionkit.CurrentSessions}) or as an administrator
 * ({@link dev.sessionkit.SubjectSessions}): list with pagination, get, count, revoke one, a list or all.
 *
 * <p>Errors follow one rule everywhere, the store builders included:
 *
 * <ul>
 *   <li>a caller's input that sessionkit judges at run time (a token, a session id, a subject, a page
 *       size, attributes) is a {@link dev.sessionkit.SessionException} with a stable {@link
 *       dev.sessionkit.ErrorCode}, and changes nothing;
 *   <li>a programmer's configuration mistake is a plain Java exception at build time: {@link
 *       NullPointerException} for a null argument, {@link IllegalArgumentException} for a bad value
 *       (a negative duration, a page size past {@link dev.sessionkit.SessionPolicy#MAX_LIMIT}), {@link
 *       IllegalStateException} for an incomplete configuration or an environment unfit to run (no data
 *       source, a database that compares subjects loosely);
 *   <li>a failing backend is {@link dev.sessionkit.ErrorCode#STORE_UNAVAILABLE}.
 * </ul>
 *
 * Nullness is stated with JSpecify: everything is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.sessionkit;

import org.jspecify.annotations.NullMarked;
