/** The {@code cockpit bench} measurements (bus, model, dialogue): each prints one JSON document. */
package cockpit.app.bench;
