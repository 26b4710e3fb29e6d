/**
 * {@code cockpit bench faults}: the project's own fault suite (issue #11). It launches the real component
 * ({@code java … cockpit.app.Main run}) and attacks it over real Zenoh on loopback — fuzzed payloads and
 * hostile keys, {@code kill -9} with turns in flight, router restarts, a full disk under the snapshots, and
 * full camera load with talking sessions — and reports counts as JSON. Nothing here is used by the component.
 */
package cockpit.app.bench.faults;
