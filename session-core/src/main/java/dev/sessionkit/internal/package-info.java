/**
 * session-core's implementation details: token format and generation, hashing, cursors, argument
 * checks. Not an API: nothing outside session-core may use it (an architecture test in every module
 * enforces that), and it changes without notice.
 */
package dev.sessionkit.internal;
