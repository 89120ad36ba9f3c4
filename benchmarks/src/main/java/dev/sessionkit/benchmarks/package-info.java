/** JMH benchmarks of sessionkit's stores beside a physical floor and Spring Session; see BENCHMARKS.md. */
package dev.sessionkit.benchmarks;
