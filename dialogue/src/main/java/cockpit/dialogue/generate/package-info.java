/**
 * Token selection for generation: {@link cockpit.dialogue.generate.SamplingOptions} and the seeded
 * {@link cockpit.dialogue.generate.Sampler}, incremental {@link cockpit.dialogue.generate.StopStrings},
 * and schema-constrained decoding — {@link cockpit.dialogue.generate.JsonSchemaGrammar} compiles a
 * documented subset of JSON Schema to a byte automaton, {@link cockpit.dialogue.generate.TokenMasks}
 * turns its states into allowed-token masks over a {@link cockpit.dialogue.generate.TokenBytes}
 * vocabulary (cached, shared between generations), and a per-generation
 * {@link cockpit.dialogue.generate.ConstrainedDecoder} tracks one document.
 */
package cockpit.dialogue.generate;
