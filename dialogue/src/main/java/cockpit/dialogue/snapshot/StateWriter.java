package cockpit.dialogue.snapshot;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * Writes a session's decoder-state payload during {@link SnapshotStore#save}, e.g. {@code
 * state::writeTo} for a {@code DecoderState}. It must write exactly {@link Snapshot#stateBytes()}
 * bytes; the channel belongs to the store, is valid only during the call, and is not to be closed.
 * Called on the saving thread.
 */
@FunctionalInterface
public interface StateWriter {
  void writeTo(WritableByteChannel out) throws IOException;
}
