/**
 * The Vert.x side of the bus: {@link cockpit.bus.bridge.BusBridgeVerticle} moves messages between
 * Zenoh and the event bus along the topic table, with keep-latest camera delivery, size limits,
 * error reports, a status queryable and a liveliness token. The only place that knows both.
 */
package cockpit.bus.bridge;
