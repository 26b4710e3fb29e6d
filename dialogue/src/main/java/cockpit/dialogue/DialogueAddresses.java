package cockpit.dialogue;

import java.util.Objects;

/**
 * Event-bus addresses the dialogue verticle uses. The values come from the bus module's topic table
 * (the launcher passes them in), so dialogue does not depend on the bus.
 *
 * @param voice VoiceUtterance in (the bridge adds the key's {@code seat} chunk as header {@value #SEAT_HEADER})
 * @param sessionControl SessionControl in
 * @param replies Reply out
 * @param errors ErrorReport out
 * @param transcripts requests for a session's transcript (body: the session id; reply: SessionTranscript)
 */
public record DialogueAddresses(String voice, String sessionControl, String replies, String errors,
    String transcripts) {
  /** The header carrying the voice key's {@code {seat}} chunk. */
  public static final String SEAT_HEADER = "seat";

  public DialogueAddresses {
    Objects.requireNonNull(voice, "voice");
    Objects.requireNonNull(sessionControl, "sessionControl");
    Objects.requireNonNull(replies, "replies");
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(transcripts, "transcripts");
  }
}
