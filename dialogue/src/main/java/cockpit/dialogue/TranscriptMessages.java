package cockpit.dialogue;

import cockpit.dialogue.snapshot.Snapshot;
import cockpit.proto.v1.SessionTranscript;
import cockpit.proto.v1.TranscriptEntry;
import cockpit.proto.v1.TranscriptImage;
import com.google.protobuf.Timestamp;
import java.time.Instant;

/** {@link SessionInspection} as the bus's SessionTranscript. Stateless. */
final class TranscriptMessages {
  private TranscriptMessages() {}

  static SessionTranscript of(SessionInspection s, Instant now) {
    SessionTranscript.Builder b = SessionTranscript.newBuilder().setSessionId(s.sessionId())
        .setSystemPrompt(s.systemPrompt()).setPrompt(s.prompt()).setContextTokens(s.contextTokens())
        .addAllContextLines(s.contextLines())
        .setTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
    for (int i = 0; i < s.transcript().size(); i++) {
      Snapshot.Turn t = s.transcript().get(i);
      TranscriptEntry.Builder e = TranscriptEntry.newBuilder().setRole(t.role()).setText(t.text())
          .setTokens(t.tokens()).setInContext(i >= s.firstInContext());
      t.images().forEach(img -> e.addImages(TranscriptImage.newBuilder().setSource(img.source())
          .setTokens(img.tokens())));
      b.addEntries(e);
    }
    return b.build();
  }
}
