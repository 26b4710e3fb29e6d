/**
 * Token selection for generation: {@link cockpit.lm.generate.SamplingOptions} and the seeded
 * {@link cockpit.lm.generate.Sampler}, incremental {@link cockpit.lm.generate.StopStrings},
 * and schema-constrained decoding — {@link cockpit.lm.generate.JsonSchemaGrammar} compiles a
 * documented subset of JSON Schema to a byte automaton, {@link cockpit.lm.generate.TokenMasks}
 * turns its states into allowed-token masks over a {@link cockpit.lm.generate.TokenBytes}
 * vocabulary (cached, shared between generations), and a per-generation
 * {@link cockpit.lm.generate.ConstrainedDecoder} tracks one document.
 */
package cockpit.lm.generate;
