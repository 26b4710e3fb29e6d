/**
 * Scenario files: a YAML timeline of camera frames, voice utterances, session controls and vehicle
 * state changes, plus expectations about what the component publishes ({@link
 * cockpit.sim.scenario.ScenarioParser}; format in {@code sim/README.md}). Parse errors name the file,
 * line and key path.
 */
package cockpit.sim.scenario;
