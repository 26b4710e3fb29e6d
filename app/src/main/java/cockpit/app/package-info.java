/**
 * The {@code cockpit} launcher: subcommands ({@code run}, {@code model}, {@code bench}), the layered
 * configuration ({@link cockpit.app.CockpitConfig}: defaults, YAML, environment, {@code --set}; every
 * key in README) and the component wiring (Vert.x with Micrometer, bus bridge, dialogue, perception,
 * HTTP) with its ordered graceful stop. The only code here that prints or exits is the launcher's.
 */
package cockpit.app;
