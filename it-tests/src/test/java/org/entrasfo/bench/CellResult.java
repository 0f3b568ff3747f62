package org.entrasfo.bench;

/** What one scenario did at one concurrency in one round: the measured window and every operation's latency. */
record CellResult(String scenario, int concurrency, int round, long operations, long errors, long elapsedNanos, long serverCpuNanos,
                  long loadGeneratorCpuNanos, long[] latenciesNanos, int samplesValid, int samplesInvalid) {
}
