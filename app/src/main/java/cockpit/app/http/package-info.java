/**
 * The component's HTTP side on loopback: liveness and readiness, Prometheus metrics (Vert.x
 * Micrometer plus the component's own meters, sourced from ComponentStatus and the event bus) and the
 * live dashboard (static page + server-sent events fed from the Vert.x event bus). One verticle,
 * {@link cockpit.app.http.HttpVerticle}, owns the server; nothing here touches Zenoh or the model.
 */
package cockpit.app.http;
