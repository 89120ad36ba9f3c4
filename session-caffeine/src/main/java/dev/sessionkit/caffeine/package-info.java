/**
 * The in-memory store on Caffeine ({@link dev.sessionkit.caffeine.CaffeineSessionStore}): one node,
 * sessions lost when the process stops, validation at memory speed.
 */
@NullMarked
package dev.sessionkit.caffeine;

import org.jspecify.annotations.NullMarked;
