/**
 * Multi-turn dialogue over the language model ({@code cockpit.lm}): sessions that keep their decoder
 * state between turns, turns that carry images, the cockpit context told to each turn
 * ({@code cockpit.dialogue.context}), snapshots on disk, LRU eviction, context compaction that converges,
 * barge-in, transcript inspection, and the dialogue and context verticles on the Vert.x event bus.
 */
package cockpit.dialogue;
