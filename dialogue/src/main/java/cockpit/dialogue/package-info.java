/**
 * Multi-turn dialogue over the language model ({@code cockpit.lm}): sessions that keep their decoder
 * state between turns, snapshots on disk, LRU eviction, context compaction, barge-in, and the dialogue
 * verticle on the Vert.x event bus.
 */
package cockpit.dialogue;
