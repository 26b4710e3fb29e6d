package cockpit.dialogue.snapshot;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a session needs to resume after restart, apart from the decoder-state bytes themselves (those
 * stream through a {@link StateWriter} on save and a {@link StateReader} on load).
 *
 * <p>Immutable and thread-safe; the collections are copied.
 *
 * @param id the session
 * @param fingerprint identifies the model the state belongs to (profile, seed, config hash, capacity —
 *     whatever the caller needs so that a state is never fed to a different model); opaque here, must
 *     not be blank
 * @param systemPrompt the session's system prompt, may be empty
 * @param options generation options as strings, opaque here; stored sorted by key
 * @param transcript completed turns, oldest first
 * @param tokens tokens the decoder state has consumed (its position)
 * @param stateBytes the exact number of bytes the state writer will write (for a {@code DecoderState},
 *     {@code serializedBytes()}); recorded in the file so truncation is detected before anything is read
 */
public record Snapshot(SessionId id, String fingerprint, String systemPrompt, Map<String, String> options,
    List<Turn> transcript, int tokens, long stateBytes) {

  public Snapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (fingerprint.isBlank()) {
      throw new IllegalArgumentException("model fingerprint must not be blank");
    }
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(options, "options");
    options.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new IllegalArgumentException("option " + k + "=" + v + ": keys and values must not be null");
      }
    });
    options = Collections.unmodifiableMap(new TreeMap<>(options));
    transcript = List.copyOf(Objects.requireNonNull(transcript, "transcript"));
    if (tokens < 0) {
      throw new IllegalArgumentException("tokens must be >= 0, got " + tokens);
    }
    if (stateBytes < 0) {
      throw new IllegalArgumentException("stateBytes must be >= 0, got " + stateBytes);
    }
  }

  /**
   * One completed turn.
   *
   * @param role chat role ({@code user}, {@code assistant}, {@code tool}, …), not empty
   * @param text the turn's text
   * @param tokens tokens the turn took in the decoder state, {@code >= 0}
   */
  public record Turn(String role, String text, int tokens) {
    public Turn {
      Objects.requireNonNull(role, "role");
      if (role.isEmpty()) {
        throw new IllegalArgumentException("turn role must not be empty");
      }
      Objects.requireNonNull(text, "text");
      if (tokens < 0) {
        throw new IllegalArgumentException("turn tokens must be >= 0, got " + tokens);
      }
    }
  }
}
