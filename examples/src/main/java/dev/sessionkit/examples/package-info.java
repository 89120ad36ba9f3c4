/**
 * The reference HTTP server: every seed operation as a JSON route on Jetty, and the "active
 * sessions" page. An example to read and run, not a published artifact.
 */
package dev.sessionkit.examples;
