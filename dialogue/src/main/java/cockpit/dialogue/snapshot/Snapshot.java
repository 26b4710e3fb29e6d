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
 * @param options session settings and state as strings (sampling, the first message still in context, the
 *     context lines the session has seen, …), opaque here; stored sorted by key
 * @param transcript the conversation's messages, oldest first
 * @param tokens tokens the decoder state has consumed (its position)
 * @param stateBytes the exact number of bytes the state writer will write (for a session: the decoder
 *     state's {@code serializedBytes()} plus the image features it keeps); recorded in the file so
 *     truncation is detected before anything is read
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
   * One message of the conversation (a context message, a user turn, an assistant reply).
   *
   * @param role chat role ({@code context}, {@code user}, {@code assistant}, …), not empty
   * @param text the message's text (images not included)
   * @param tokens tokens the message took in the decoder state, {@code >= 0}
   * @param ids the exact token ids fed for it ({@code tokens} of them, image rows as the {@code <image>}
   *     id), so compaction re-prefills what the model saw and emitted instead of re-encoding text; empty
   *     for messages compaction dropped and for snapshots of format version 1
   * @param images the images of the message, in order
   */
  public record Turn(String role, String text, int tokens, List<Integer> ids, List<Image> images) {
    public Turn {
      Objects.requireNonNull(role, "role");
      if (role.isEmpty()) {
        throw new IllegalArgumentException("turn role must not be empty");
      }
      Objects.requireNonNull(text, "text");
      if (tokens < 0) {
        throw new IllegalArgumentException("turn tokens must be >= 0, got " + tokens);
      }
      ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
      images = List.copyOf(Objects.requireNonNull(images, "images"));
      if (!ids.isEmpty() && ids.size() != tokens) {
        throw new IllegalArgumentException("turn has " + ids.size() + " ids for " + tokens + " tokens");
      }
    }

    /** A message whose ids are not known (format version 1). */
    public Turn(String role, String text, int tokens) {
      this(role, text, tokens, List.of(), List.of());
    }

    /** A message fed as {@code ids}, with {@code images}. */
    public static Turn of(String role, String text, int[] ids, List<Image> images) {
      return new Turn(role, text, ids.length, java.util.Arrays.stream(ids).boxed().toList(), images);
    }

    /** The ids as an array (empty when not known). */
    public int[] idArray() {
      return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The same message without its ids (dropped from the context by compaction). */
    public Turn withoutIds() {
      return new Turn(role, text, tokens, List.of(), images);
    }
  }

  /**
   * An image in a message.
   *
   * @param source where it came from, e.g. {@code camera cabin #812}, not blank
   * @param tokens {@code <image>} rows it took (its feature rows), {@code > 0}
   */
  public record Image(String source, int tokens) {
    public Image {
      if (source == null || source.isBlank()) {
        throw new IllegalArgumentException("an image needs its source");
      }
      if (tokens <= 0) {
        throw new IllegalArgumentException("an image takes at least one token, got " + tokens);
      }
    }
  }
}
