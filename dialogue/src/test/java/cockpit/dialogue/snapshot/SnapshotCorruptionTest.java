package cockpit.dialogue.snapshot;

import static cockpit.dialogue.snapshot.TestSnapshots.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.snapshot.SnapshotCorruptException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a snapshot file can be unusable, each refused with its reason before the reader runs. */
class SnapshotCorruptionTest {
  private static final SessionId ID = SessionId.tryFrom("s1");
  private static final int PAYLOAD = 1_000_000;
  @TempDir
  Path dir;
  private SnapshotStore store;
  private FakeState state;
  private Path file;
  private byte[] good;
  private int headerLength;

  @BeforeEach
  void saveOne() throws IOException {
    store = new SnapshotStore(dir);
    state = new FakeState(5, PAYLOAD);
    store.save(TestSnapshots.of("s1", state), state::writeTo);
    file = store.fileOf(ID);
    good = Files.readAllBytes(file);
    headerLength = ByteBuffer.wrap(good, 10, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  @Test
  void independentEncoderOfTheDocumentedLayout_producesAFileTheStoreLoads() throws IOException {
    String header = new String(good, 22, headerLength, StandardCharsets.UTF_8);
    byte[] payload = Arrays.copyOfRange(good, 22 + headerLength, 22 + headerLength + PAYLOAD);
    assertTrue(Arrays.equals(good, encode(2, header, payload)), "store output matches the documented layout");
    assertTrue(header.startsWith("{\"id\":\"s1\",\"fingerprint\":"), header);
  }

  @Test
  void flippedHeaderByte_isCrcMismatch() throws IOException {
    good[22 + headerLength / 2] ^= 0x01;
    assertRefused(Reason.CRC_MISMATCH);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, PAYLOAD / 2, PAYLOAD - 1})
  void flippedPayloadByte_isCrcMismatch_andTheReaderNeverRuns(int at) throws IOException {
    good[22 + headerLength + at] ^= (byte) 0x80;
    assertRefused(Reason.CRC_MISMATCH);
  }

  @Test
  void flippedCrcByte_isCrcMismatch() throws IOException {
    good[good.length - 1] ^= 0x10;
    assertRefused(Reason.CRC_MISMATCH);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 8, 9, 12, 21, 22, 100, 22 + 500_000, -1})
  void truncated_isTruncated(int length) throws IOException {
    int keep = length < 0 ? good.length + length : length;
    good = Arrays.copyOf(good, keep);
    assertRefused(Reason.TRUNCATED);
  }

  @Test
  void truncatedInsideTheHeader_isTruncated() throws IOException {
    good = Arrays.copyOf(good, 22 + headerLength / 2);
    assertRefused(Reason.TRUNCATED);
  }

  @Test
  void appendedByte_isTrailingData() throws IOException {
    good = Arrays.copyOf(good, good.length + 1);
    assertRefused(Reason.TRAILING_DATA);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello, this is not a snapshot at all", "xy", "CKPTSNAX0123456789012345678901234",
      "PK\u0003\u0004 zip"})
  void foreignFile_isBadMagic(String content) throws IOException {
    good = content.getBytes(StandardCharsets.ISO_8859_1);
    assertRefused(Reason.BAD_MAGIC);
  }

  @Test
  void otherFormatVersion_isUnsupportedVersion_evenWithAValidCrc() throws IOException {
    good = encode(3, "{}", new byte[0]);
    SnapshotCorruptException e = assertRefused(Reason.UNSUPPORTED_VERSION);
    assertTrue(e.getMessage().contains("format version 3, this build reads versions 1 to 2"), e.getMessage());
  }

  @Test
  void versionOneFile_stillLoads_withItsMessagesWithoutIds() throws IOException {
    String v1 = "{\"id\":\"s1\",\"fingerprint\":\"" + MODEL + "\",\"systemPrompt\":\"sys\",\"options\":{},"
        + "\"transcript\":[{\"role\":\"user\",\"text\":\"hi\",\"tokens\":9},{\"role\":\"assistant\","
        + "\"text\":\"hello\",\"tokens\":17}],\"tokens\":26,\"payloadBytes\":" + PAYLOAD
        + ",\"created\":\"2025-01-01T00:00:00Z\"}";
    byte[] payload = Arrays.copyOfRange(good, 22 + headerLength, 22 + headerLength + PAYLOAD);
    Files.write(file, encode(1, v1, payload));
    FakeState.Reader reader = state.reader();
    Snapshot s = store.load(ID, MODEL, reader).orElseThrow().snapshot();
    assertTrue(reader.sawWholePayload());
    assertEquals(List.of(new Snapshot.Turn("user", "hi", 9), new Snapshot.Turn("assistant", "hello", 17)),
        s.transcript());
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[]", "null", "{}", "{\"id\":\"s1\"}", "{\"id\":\"s1\"} {}",
      "{\"id\":\"../s1\",\"fingerprint\":\"m\",\"systemPrompt\":\"\",\"options\":{},\"transcript\":[],"
          + "\"tokens\":0,\"payloadBytes\":0,\"created\":\"2025-01-01T00:00:00Z\"}",
      "{\"id\":\"s1\",\"id\":\"s1\",\"fingerprint\":\"m\",\"systemPrompt\":\"\",\"options\":{},\"transcript\":[],"
          + "\"tokens\":0,\"payloadBytes\":0,\"created\":\"2025-01-01T00:00:00Z\"}",
      "{\"id\":\"s1\",\"fingerprint\":\"m\",\"systemPrompt\":\"\",\"options\":{},\"transcript\":[],"
          + "\"tokens\":0,\"payloadBytes\":7,\"created\":\"2025-01-01T00:00:00Z\"}",
      "{\"id\":\"s1\",\"fingerprint\":\"m\",\"systemPrompt\":\"\",\"options\":{},\"transcript\":[{\"role\":\"\","
          + "\"text\":\"x\",\"tokens\":1}],\"tokens\":0,\"payloadBytes\":0,\"created\":\"2025-01-01T00:00:00Z\"}",
      "{\"id\":\"s1\",\"fingerprint\":\"m\",\"systemPrompt\":\"\",\"options\":{},\"transcript\":[],"
          + "\"tokens\":0,\"payloadBytes\":0,\"created\":\"yesterday\"}"})
  void invalidHeaderWithValidCrc_isHeaderInvalid(String header) throws IOException {
    good = encode(1, header, new byte[0]);
    assertRefused(Reason.HEADER_INVALID);
  }

  @Test
  void insaneLengthField_isHeaderInvalid() throws IOException {
    ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).putInt(10, -1);
    assertRefused(Reason.HEADER_INVALID);
  }

  @Test
  void validFileWithUnknownExtraHeaderField_loads() throws IOException {
    String header = new String(good, 22, headerLength, StandardCharsets.UTF_8).replaceFirst("^\\{",
        "{\"addedLater\":[1,2],");
    byte[] payload = Arrays.copyOfRange(good, 22 + headerLength, 22 + headerLength + PAYLOAD);
    Files.write(file, encode(2, header, payload));
    FakeState.Reader reader = state.reader();
    assertTrue(store.load(ID, MODEL, reader).isPresent());
    assertTrue(reader.sawWholePayload());
  }

  @Test
  void otherModelsSnapshot_isFingerprintMismatch() {
    FakeState.Reader reader = state.reader();
    SnapshotCorruptException e = assertThrows(SnapshotCorruptException.class,
        () -> store.load(ID, "lfm2-1.2b|seed=7", reader));
    assertEquals(Reason.FINGERPRINT_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("'" + MODEL + "', expected 'lfm2-1.2b|seed=7'"), e.getMessage());
    assertEquals(0, reader.calls);
  }

  @Test
  void renamedFile_isIdMismatch() throws IOException {
    Files.move(file, dir.resolve("s2.snap"));
    FakeState.Reader reader = state.reader();
    SnapshotCorruptException e = assertThrows(SnapshotCorruptException.class,
        () -> store.load(SessionId.tryFrom("s2"), MODEL, reader));
    assertEquals(Reason.ID_MISMATCH, e.reason());
    assertEquals(dir.toAbsolutePath().resolve("s2.snap"), e.file());
    assertTrue(e.getMessage().contains("named for session s2 but holds session s1"), e.getMessage());
    assertEquals(0, reader.calls);
  }

  @Test
  void readerLeavingPayloadUnread_isPayloadMismatch() {
    SnapshotCorruptException e = assertThrows(SnapshotCorruptException.class,
        () -> store.load(ID, MODEL, state.reader(PAYLOAD - 4)));
    assertEquals(Reason.PAYLOAD_MISMATCH, e.reason());
    assertTrue(e.getMessage().endsWith("state reader left 4 of 1000000 payload bytes unread"), e.getMessage());
  }

  @Test
  void readerFailure_propagatesUnchanged() {
    IOException e = assertThrows(IOException.class, () -> store.load(ID, MODEL, in -> {
      throw new EOFException("state ends early");
    }));
    assertEquals(EOFException.class, e.getClass());
  }

  private SnapshotCorruptException assertRefused(Reason reason) throws IOException {
    Files.write(file, good);
    FakeState.Reader reader = state.reader();
    SnapshotCorruptException e = assertThrows(SnapshotCorruptException.class, () -> store.load(ID, MODEL, reader));
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().startsWith(file + ": " + reason + ": "), e.getMessage());
    assertEquals(0, reader.calls, "the reader must not see an unverified payload");
    return e;
  }

  /** The layout as documented on {@link SnapshotStore}, written independently of the store's code. */
  static byte[] encode(int version, String header, byte[] payload) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(22 + h.length + payload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put("CKPTSNAP".getBytes(StandardCharsets.US_ASCII)).putShort((short) version).putInt(h.length)
        .putLong(payload.length).put(h).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 8, b.position() - 8);
    return b.putInt((int) crc.getValue()).array();
  }
}
