package cockpit.dialogue.snapshot;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads a session's decoder-state payload during {@link SnapshotStore#load}, e.g. {@code
 * state::readFrom} for a {@code DecoderState}. Called only after the file's checksum, id and
 * fingerprint have been verified. The channel ends (returns -1) at the end of the payload, belongs to
 * the store, is valid only during the call, and is not to be closed. The reader must consume the
 * whole payload. Called on the loading thread.
 */
@FunctionalInterface
public interface StateReader {
  void readFrom(ReadableByteChannel in) throws IOException;
}
