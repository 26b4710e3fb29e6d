/**
 * The cockpit context message: what the model is told about the cabin, the vehicle, the parking place
 * and active alerts, as {@code key: value} lines in a {@code context} turn. {@link
 * cockpit.lm.context.CabinFacts} holds the facts (no protobuf, no Vert.x), {@link
 * cockpit.lm.context.ContextFormat} is the one place that writes them as text: the dialogue builds its
 * prompts with it and the training data generator writes its examples with it, so the model is trained
 * on exactly the strings it is shown.
 */
package cockpit.lm.context;
