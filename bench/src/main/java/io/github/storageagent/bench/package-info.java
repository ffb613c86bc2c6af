/** Benchmarks and the reference node used by the bench scripts. */
package io.github.storageagent.bench;
