package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DecoderState#copyTo} on both backends: a fork continues exactly as the state it was copied
 * from, agrees with one straight prefill of the whole conversation, and leaves its source untouched.
 */
class DecoderForkTest {
  /** A prefix longer than one prefill chunk (the ORT graph's K, the reference's 32 rows), then a question. */
  private static int[] prefix(LanguageModel m) {
    int[] start = m.chat().start("You see one camera frame of a car. Answer with JSON only.");
    int[] turn = m.chat().userTurn("first a long question that fills more than one chunk of rows, then more");
    int[] ids = Arrays.copyOf(start, start.length + turn.length);
    System.arraycopy(turn, 0, ids, start.length, turn.length);
    return ids;
  }

  private static int[] continuation(LanguageModel m) {
    return m.chat().userTurn("and the seat?");
  }

  private static float[] feed(Decoder d, DecoderState st, int[] ids) {
    return d.prefill(st, d.embed(ids), ids.length, null);
  }

  private static byte[] bytes(DecoderState st) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    st.writeTo(Channels.newChannel(out));
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "ort"})
  void aForkContinuesLikeAStraightPrefillAndLeavesItsSourceAlone(String backend) throws Exception {
    try (LanguageModel m = DecoderForkTest.open(backend); DecoderState straight = m.decoder().newState();
        DecoderState a = m.decoder().newState(); DecoderState b = m.decoder().newState()) {
      Decoder d = m.decoder();
      int[] prefix = prefix(m);
      int[] cont = continuation(m);
      int[] whole = Arrays.copyOf(prefix, prefix.length + cont.length);
      System.arraycopy(cont, 0, whole, prefix.length, cont.length);
      float[] expected = feed(d, straight, whole);
      float[] expectedNext = d.decode(straight, 42, null);

      feed(d, b, m.chat().userTurn("something else first, longer than the prefix will be, so rows past it are stale"));
      feed(d, a, prefix);
      byte[] aBefore = bytes(a);
      long copied = a.copyTo(b);
      assertEquals(a.serializedBytes() - 4, copied, "bytes of conv columns and K/V rows so far");
      assertEquals(prefix.length, b.position());
      assertArrayEquals(aBefore, bytes(b), "the fork holds the same state bytes");

      float[] forked = feed(d, b, cont);
      float[] forkedNext = d.decode(b, 42, null);
      assertArrayEquals(aBefore, bytes(a), "continuing the fork does not change its source");
      Logits.assertClose(expected, forked, Logits.TOL, backend + " fork vs straight prefill");
      Logits.assertClose(expectedNext, forkedNext, Logits.TOL, backend + " decode after the fork");

      assertArrayEquals(forked, feed(d, a, cont), "source and fork continue identically");
      assertArrayEquals(forkedNext, d.decode(a, 42, null));
      assertEquals(whole.length + 1, a.position());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "ort"})
  void aForkIntoItselfOrAnotherDecodersStateIsRefused(String backend) throws Exception {
    try (LanguageModel m = DecoderForkTest.open(backend); LanguageModel other = DecoderForkTest.open(backend);
        DecoderState a = m.decoder().newState(); DecoderState foreign = other.decoder().newState()) {
      feed(m.decoder(), a, prefix(m));
      var e = assertThrows(IllegalArgumentException.class, () -> a.copyTo(a));
      assertTrue(e.getMessage().contains("itself"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> a.copyTo(foreign));
      assertTrue(e.getMessage().contains("another decoder"), e.getMessage());
      assertEquals(0, foreign.position());
      DecoderState closed = m.decoder().newState();
      closed.close();
      assertThrows(IllegalStateException.class, () -> a.copyTo(closed));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "ort"})
  void theDefaultForkThroughTheByteLayoutGivesTheSameState(String backend) throws Exception {
    try (LanguageModel m = DecoderForkTest.open(backend); DecoderState a = m.decoder().newState();
        DecoderState b = m.decoder().newState(); DecoderState c = m.decoder().newState()) {
      feed(m.decoder(), a, prefix(m));
      DecoderState viaBytes = new BytesOnly(a);
      assertEquals(a.copyTo(b), viaBytes.copyTo(c));
      assertArrayEquals(bytes(b), bytes(c));
      assertArrayEquals(feed(m.decoder(), b, continuation(m)), feed(m.decoder(), c, continuation(m)));
    }
  }

  static LanguageModel open(String backend) throws Exception {
    return DecoderContractTest.open(backend);
  }

  /** A state that only knows the byte layout, so {@link DecoderState#copyTo}'s default runs. */
  private record BytesOnly(DecoderState inner) implements DecoderState {
    @Override
    public int position() {
      return inner.position();
    }

    @Override
    public int capacity() {
      return inner.capacity();
    }

    @Override
    public void reset() {
      inner.reset();
    }

    @Override
    public long bytes() {
      return inner.bytes();
    }

    @Override
    public long serializedBytes() {
      return inner.serializedBytes();
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
      inner.writeTo(out);
    }

    @Override
    public void readFrom(ReadableByteChannel in) throws IOException {
      inner.readFrom(in);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
