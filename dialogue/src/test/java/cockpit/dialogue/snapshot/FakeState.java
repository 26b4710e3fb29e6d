package cockpit.dialogue.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.SplittableRandom;

/**
 * A stand-in for a decoder state: {@code bytes} deterministic bytes derived from {@code seed}, written
 * the way {@code DecoderState.writeTo} does (a 4-byte head, then chunks of mixed sizes in fresh heap
 * buffers). Byte {@code i} is {@code pattern[i % L] ^ (i / L)} with L = 2^20 + 7, so shifted, swapped
 * or duplicated blocks all show up as mismatches.
 */
final class FakeState {
  private static final int L = (1 << 20) + 7;
  private static final int[] CHUNKS = {4, 12_288, 1 << 20, 777, 3 << 20};
  final long seed;
  final long bytes;
  private final byte[] pattern = new byte[L];

  FakeState(long seed, long bytes) {
    this.seed = seed;
    this.bytes = bytes;
    new SplittableRandom(seed).nextBytes(pattern);
  }

  /** Writes the payload; usable as a {@link StateWriter} via {@code fake::writeTo}. */
  void writeTo(WritableByteChannel out) throws IOException {
    writeRange(out, 0, bytes);
  }

  /** Writes payload bytes {@code [from, to)}. */
  void writeRange(WritableByteChannel out, long from, long to) throws IOException {
    long pos = from;
    for (int c = 0; pos < to; c = (c + 1) % CHUNKS.length) {
      int n = (int) Math.min(CHUNKS[c], to - pos);
      byte[] chunk = new byte[n];
      fill(chunk, pos);
      ByteBuffer b = ByteBuffer.wrap(chunk);
      while (b.hasRemaining()) {
        out.write(b);
      }
      pos += n;
    }
  }

  /** {@code out.length} expected bytes starting at payload offset {@code at}. */
  void fill(byte[] out, long at) {
    int done = 0;
    while (done < out.length) {
      long i = at + done;
      int off = (int) (i % L);
      int n = Math.min(out.length - done, L - off);
      byte block = (byte) (i / L);
      for (int k = 0; k < n; k++) {
        out[done + k] = (byte) (pattern[off + k] ^ block);
      }
      done += n;
    }
  }

  /** A reader that checks every byte against this state and reads to the end of the channel. */
  Reader reader() {
    return new Reader(this, Long.MAX_VALUE);
  }

  /** A reader that stops after {@code limit} bytes, as a reader for a smaller state layout would. */
  Reader reader(long limit) {
    return new Reader(this, limit);
  }

  /** Records what it was given; not thread-safe. */
  static final class Reader implements StateReader {
    private final FakeState expected;
    private final long limit;
    int calls;
    long read;
    long firstMismatch = -1;

    Reader(FakeState expected, long limit) {
      this.expected = expected;
      this.limit = limit;
    }

    @Override
    public void readFrom(ReadableByteChannel in) throws IOException {
      calls++;
      ByteBuffer buf = ByteBuffer.allocate(1 << 20);
      while (read < limit) {
        buf.clear().limit((int) Math.min(buf.capacity(), limit - read));
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        byte[] want = new byte[n];
        expected.fill(want, read);
        for (int k = 0; k < n && firstMismatch < 0; k++) {
          if (buf.get(k) != want[k]) {
            firstMismatch = read + k;
          }
        }
        read += n;
      }
    }

    /** Whether the reader saw exactly the expected payload, whole. */
    boolean sawWholePayload() {
      return calls == 1 && read == expected.bytes && firstMismatch < 0;
    }
  }
}
