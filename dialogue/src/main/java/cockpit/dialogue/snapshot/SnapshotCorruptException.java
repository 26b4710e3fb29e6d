package cockpit.dialogue.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A snapshot file exists but cannot be used to resume its session. Checked, and an {@link IOException}
 * so callers that only handle I/O failures still handle it; catch it first to tell "this file is bad:
 * discard it and start the session fresh" from "the disk failed: retry or give up". The store never
 * deletes a file on its own; {@link #reason()} says why it was refused.
 */
public final class SnapshotCorruptException extends IOException {
  /** Why a snapshot was refused. */
  public enum Reason {
    /** Does not start with {@code CKPTSNAP}: not a snapshot. */
    BAD_MAGIC,
    /** A format version this build cannot read. */
    UNSUPPORTED_VERSION,
    /** Shorter than its own lengths say: a partial copy or a cut-off write. */
    TRUNCATED,
    /** Longer than its own lengths say. */
    TRAILING_DATA,
    /** The CRC32C over header and payload does not match: bytes changed on disk. */
    CRC_MISMATCH,
    /** The checksum matches but the header is not a valid snapshot header. */
    HEADER_INVALID,
    /** The snapshot belongs to a different model. */
    FINGERPRINT_MISMATCH,
    /** The file holds another session's snapshot (renamed or copied). */
    ID_MISMATCH,
    /** The state reader did not consume the whole payload: state layout and reader disagree. */
    PAYLOAD_MISMATCH
  }

  private final Reason reason;
  private final transient Path file;

  public SnapshotCorruptException(Reason reason, Path file, String detail) {
    this(reason, file, detail, null);
  }

  public SnapshotCorruptException(Reason reason, Path file, String detail, Throwable cause) {
    super(file + ": " + Objects.requireNonNull(reason, "reason") + ": " + detail, cause);
    this.reason = reason;
    this.file = file;
  }

  public Reason reason() {
    return reason;
  }

  public Path file() {
    return file;
  }
}
