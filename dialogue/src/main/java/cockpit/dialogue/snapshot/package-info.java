/**
 * Dialogue session snapshots on disk: one {@code <id>.snap} file per session holding the transcript,
 * the generation settings and the decoder-state payload, replaced atomically after every completed
 * turn so that a session resumes from its last completed turn after {@code kill -9} and restart.
 *
 * <p>{@link cockpit.dialogue.snapshot.SnapshotStore} owns the directory; {@link
 * cockpit.dialogue.snapshot.SessionId} is the only way a bus-supplied id reaches a file name. The file
 * format is described on {@link cockpit.dialogue.snapshot.SnapshotStore}. Everything here blocks on
 * disk I/O and must run off the event loop.
 */
package cockpit.dialogue.snapshot;
