package cockpit.sim.replay;

import cockpit.proto.v1.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Groups received Reply chunks by the utterance they answer. Stateless. */
final class Replies {
  private Replies() {}

  /** The chunks answering {@code correlation} ({@code say/<session>/<utterance>}), in chunk order. */
  static List<Reply> of(List<Received> got, String correlation) {
    List<Reply> out = new ArrayList<>();
    for (Received r : got) {
      if (r.message() instanceof Reply rep && correlation.equals(TimedInput.say(rep.getSessionId(), rep.getUtteranceId()))) {
        out.add(rep);
      }
    }
    out.sort(Comparator.comparingInt(Reply::getChunkIndex));
    return out;
  }

  /** The receipt of the final chunk, or null. */
  static Received finalReceived(List<Received> got, String correlation) {
    for (Received r : got) {
      if (r.message() instanceof Reply rep && rep.getIsFinal()
          && correlation.equals(TimedInput.say(rep.getSessionId(), rep.getUtteranceId()))) {
        return r;
      }
    }
    return null;
  }

  /** The receipt of the first chunk with an index of 0, or null. */
  static Received firstReceived(List<Received> got, String correlation) {
    for (Received r : got) {
      if (r.message() instanceof Reply rep && rep.getChunkIndex() == 0
          && correlation.equals(TimedInput.say(rep.getSessionId(), rep.getUtteranceId()))) {
        return r;
      }
    }
    return null;
  }

  /** What is wrong with a complete reply's chunk sequence (gaps, duplicates, final not last), or null. */
  static String problem(List<Reply> chunks) {
    for (int i = 0; i < chunks.size(); i++) {
      if (chunks.get(i).getChunkIndex() != i) {
        return "chunk indexes are not 0.." + (chunks.size() - 1) + " without gaps: got " + chunks.get(i).getChunkIndex()
            + " at position " + i;
      }
      if (chunks.get(i).getIsFinal() != (i == chunks.size() - 1)) {
        return "chunk " + i + " of " + chunks.size() + " has is_final = " + chunks.get(i).getIsFinal();
      }
    }
    return null;
  }

  static String text(List<Reply> chunks) {
    StringBuilder sb = new StringBuilder();
    chunks.forEach(c -> sb.append(c.getText()));
    return sb.toString();
  }
}
