package cockpit.dialogue.snapshot;

import cockpit.dialogue.snapshot.SnapshotCorruptException.Reason;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code .snap} layout (see {@link SnapshotStore}): constants, the fixed prefix and the JSON header.
 * Stateless; thread-safe.
 */
final class SnapshotFormat {
  static final byte[] MAGIC = "CKPTSNAP".getBytes(StandardCharsets.US_ASCII);
  /**
   * Written by this build. 2: messages carry their token ids and images, and the payload holds the image
   * features after the decoder state. 1 (read, never written): messages are role, text and token count.
   */
  static final int VERSION = 2;
  /** Oldest version this build reads. */
  static final int MIN_VERSION = 1;
  /** magic 8 + version u16 + header length u32 + payload length u64. */
  static final int PREFIX_BYTES = 22;
  static final int CRC_BYTES = 4;
  /**
   * Far above any real transcript; a larger value means a corrupt length field. Below Jackson's default
   * 20M-character string limit, so every header a save accepts also loads.
   */
  static final int MAX_HEADER_BYTES = 16 << 20;
  static final String SUFFIX = ".snap";
  static final String TEMP_SUFFIX = ".tmp";
  /** {@code <id>.snap.<16 hex>.tmp}: never ends in {@code .snap}, so never mistaken for a snapshot. */
  static final Pattern TEMP_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}\\.snap\\.[0-9a-f]{16}\\.tmp");

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // Fields added later within a version are skipped by older readers; layout changes bump VERSION.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private SnapshotFormat() {}

  /** The version 2 header as stored; field names are the on-disk JSON keys. */
  record Header(String id, String fingerprint, String systemPrompt, Map<String, String> options,
      List<Message> transcript, int tokens, long payloadBytes, String created) {}

  /** A version 2 message. */
  record Message(String role, String text, int tokens, List<Integer> ids, List<Snapshot.Image> images) {
    static Message of(Snapshot.Turn t) {
      return new Message(t.role(), t.text(), t.tokens(), t.ids(), t.images());
    }

    Snapshot.Turn turn() {
      return new Snapshot.Turn(role, text, tokens, ids, images);
    }
  }

  /** The version 1 header, read only. */
  record HeaderV1(String id, String fingerprint, String systemPrompt, Map<String, String> options,
      List<MessageV1> transcript, int tokens, long payloadBytes, String created) {}

  /** A version 1 message: no ids, no images. */
  record MessageV1(String role, String text, int tokens) {}

  static byte[] encodeHeader(Snapshot s, Instant created) {
    Header h = new Header(s.id().value(), s.fingerprint(), s.systemPrompt(), s.options(),
        s.transcript().stream().map(Message::of).toList(), s.tokens(), s.stateBytes(), created.toString());
    try {
      return JSON.writeValueAsBytes(h);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("snapshot header of " + s.id() + " cannot be encoded", e);
    }
  }

  /** The fixed prefix for a header of {@code headerBytes} and a payload of {@code payloadBytes}. */
  static ByteBuffer prefix(int headerBytes, long payloadBytes) {
    return ByteBuffer.allocate(PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN).put(MAGIC).putShort((short) VERSION)
        .putInt(headerBytes).putLong(payloadBytes).flip();
  }

  /**
   * Parses a checksum-verified header of format {@code version}; anything unusable is
   * {@link Reason#HEADER_INVALID}.
   */
  static LoadedSnapshot decodeHeader(byte[] text, int version, long payloadBytes, Path file)
      throws SnapshotCorruptException {
    Header h;
    try {
      h = version == 1 ? upgrade(JSON.readValue(text, HeaderV1.class)) : JSON.readValue(text, Header.class);
    } catch (IOException e) {
      throw invalid(file, "not a valid version " + version + " header: " + originalMessage(e), e);
    }
    if (h == null) {
      throw invalid(file, "header is JSON null", null);
    }
    if (h.payloadBytes() != payloadBytes) {
      throw invalid(file, "header says " + h.payloadBytes() + " payload bytes, prefix says " + payloadBytes, null);
    }
    try {
      Snapshot s = new Snapshot(new SessionId(h.id()), h.fingerprint(), h.systemPrompt(), h.options(),
          h.transcript().stream().map(Message::turn).toList(), h.tokens(), h.payloadBytes());
      return new LoadedSnapshot(s, Instant.parse(h.created()), file);
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw invalid(file, "header field rejected: " + e.getMessage(), e);
    }
  }

  /** A version 1 header as version 2: messages without ids or images (the payload is the state alone). */
  private static Header upgrade(HeaderV1 h) {
    if (h == null) {
      return null;
    }
    List<Message> messages = h.transcript() == null ? null : h.transcript().stream()
        .map(m -> new Message(m.role(), m.text(), m.tokens(), List.of(), List.of())).toList();
    return new Header(h.id(), h.fingerprint(), h.systemPrompt(), h.options(), messages, h.tokens(),
        h.payloadBytes(), h.created());
  }

  private static SnapshotCorruptException invalid(Path file, String detail, Throwable cause) {
    return new SnapshotCorruptException(Reason.HEADER_INVALID, file, detail, cause);
  }

  private static String originalMessage(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
