/**
 * The cockpit context of the dialogue: {@link cockpit.dialogue.context.CockpitView} keeps the latest
 * perception results, active alerts, the last vehicle state and the parking memory (persisted by
 * {@link cockpit.dialogue.context.ParkingMemoryFile}); {@link cockpit.dialogue.context.ProtoFacts} turns
 * the bus messages into {@code lm}'s {@link cockpit.lm.context.CabinFacts}, which
 * {@link cockpit.lm.context.ContextFormat} writes as the context message. No Vert.x here.
 */
package cockpit.dialogue.context;
