/**
 * The fleet simulator: N simulated agents in one process, each on its own loopback address,
 * replaying a real agent's exposition with values of its own and injected faults.
 */
package io.github.storageagent.fleet;
