/**
 * Multi-turn dialogue over the hybrid model: tokenizer and LFM2 chat format, sessions that keep
 * their decoder state between turns (snapshots on disk), sampling, stop conditions and
 * schema-constrained decoding, and the dialogue verticle on the Vert.x event bus.
 */
package cockpit.dialogue;
