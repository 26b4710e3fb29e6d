/**
 * The replay runner: publishes a scenario's (or an MCAP recording's) inputs onto the bus with their
 * timing, real time or accelerated, collects every output of a running component over Zenoh, checks
 * the expectations and reports (human table and JSON): pass/fail/skipped per expectation, latency
 * p50/p99 per output topic, TTFT and tok/s, frames dropped or skipped (from the status queryable).
 */
package cockpit.sim.replay;
