package cockpit.dialogue;

import cockpit.dialogue.snapshot.Snapshot;
import cockpit.lm.DecoderState;
import cockpit.lm.context.ContextFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A session as a {@link Snapshot}: the header's options carry {@value #FIRST_IN_CONTEXT}, the session's
 * seat ({@value #SEAT}), the number of images in the payload ({@value #IMAGES}) and every context line the
 * session has seen ({@value #CONTEXT_PREFIX}{@code <fact id>}); the payload is the decoder state in
 * {@code lm}'s layout followed by the features of the images still in context, float32 little-endian
 * [tokens · H] each, in transcript order. Stateless; called with the session's monitor held.
 */
final class SessionSnapshots {
  static final String FIRST_IN_CONTEXT = "first_in_context";
  static final String SEAT = "seat";
  static final String IMAGES = "images_in_payload";
  static final String CONTEXT_PREFIX = "context:";

  private SessionSnapshots() {}

  static Snapshot of(DialogueSession s, String fingerprint) {
    Map<String, String> options = new TreeMap<>();
    options.put(FIRST_IN_CONTEXT, Integer.toString(s.firstInContext));
    options.put(IMAGES, Integer.toString(s.features.size()));
    if (s.seat != null) {
      options.put(SEAT, ContextFormat.seat(s.seat));
    }
    s.seen.forEach((id, line) -> options.put(CONTEXT_PREFIX + id, line));
    long featureBytes = s.features.stream().mapToLong(f -> 4L * f.length).sum();
    return new Snapshot(s.id, fingerprint, s.systemPrompt, options, List.copyOf(s.transcript),
        s.state.position(), s.state.serializedBytes() + featureBytes);
  }

  /** Writes the payload: the state, then the features. */
  static void write(WritableByteChannel out, DecoderState state, List<float[]> features) throws IOException {
    state.writeTo(out);
    for (float[] f : features) {
      ByteBuffer b = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(f);
      while (b.hasRemaining()) {
        out.write(b);
      }
    }
  }

  /** Reads the payload: the state into {@code state}, the rest (the features) returned as bytes. */
  static byte[] read(ReadableByteChannel in, DecoderState state) throws IOException {
    state.readFrom(in);
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(1 << 16);
    while (in.read(b) >= 0) {
      rest.write(b.array(), 0, b.position());
      b.clear();
    }
    return rest.toByteArray();
  }

  /**
   * Puts a loaded snapshot's conversation into {@code s} ({@code features} the payload bytes after the state).
   *
   * @throws IllegalArgumentException when the options or the features do not fit the transcript
   */
  static void restore(DialogueSession s, Snapshot sn, byte[] features, int hidden) {
    restore(s, sn, features, hidden, true);
  }

  /** As above; {@code withFeatures} false restores the conversation only (for inspection). */
  static void restore(DialogueSession s, Snapshot sn, byte[] features, int hidden, boolean withFeatures) {
    s.clearConversation();
    s.systemPrompt = sn.systemPrompt();
    s.transcript.addAll(sn.transcript());
    s.firstInContext = Integer.parseInt(sn.options().getOrDefault(FIRST_IN_CONTEXT, "0"));
    if (s.firstInContext < 0 || s.firstInContext > s.transcript.size()) {
      throw new IllegalArgumentException("first message in context " + s.firstInContext + " is outside the "
          + s.transcript.size() + "-message transcript");
    }
    String seat = sn.options().get(SEAT);
    s.seat = seat == null ? null : ContextFormat.parseSeat(seat).orElse(null);
    sn.options().forEach((k, v) -> {
      if (k.startsWith(CONTEXT_PREFIX)) {
        s.seen.put(k.substring(CONTEXT_PREFIX.length()), v);
      }
    });
    if (!withFeatures) {
      return;
    }
    List<Integer> rows = new ArrayList<>();
    for (Snapshot.Turn t : s.transcript.subList(s.firstInContext, s.transcript.size())) {
      t.images().forEach(i -> rows.add(i.tokens()));
    }
    long expected = 4L * hidden * rows.stream().mapToLong(Integer::longValue).sum();
    if (expected != features.length || rows.size() != Integer.parseInt(sn.options().getOrDefault(IMAGES, "0"))) {
      throw new IllegalArgumentException("the payload holds " + features.length + " feature bytes, the "
          + rows.size() + " images in context need " + expected);
    }
    ByteBuffer b = ByteBuffer.wrap(features).order(ByteOrder.LITTLE_ENDIAN);
    for (int r : rows) {
      float[] f = new float[r * hidden];
      b.asFloatBuffer().get(f);
      b.position(b.position() + 4 * f.length);
      s.features.add(f);
    }
  }
}
