package cockpit.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.PerceptionRequest;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.VoiceUtterance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BusIdsTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "driver", "rear-left", "s_1.2",
      "0123456789012345678901234567890123456789012345678901234567890123"})
  void acceptsIdsWithinTheRule(String id) {
    assertTrue(BusIds.isValid(id), id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a/b", "*", "**", "$*", "a?b", "a#b", "é", "a b", "~refused",
      "01234567890123456789012345678901234567890123456789012345678901234"})
  void refusesIdsOutsideTheRule(String id) {
    assertFalse(BusIds.isValid(id), id);
  }

  @Test
  void quoteEscapesAndCutsHostileText() {
    String q = BusIds.quote("\u0000" + "x".repeat(1_000_000));
    assertTrue(q.startsWith("\"\\u0000xx"), q);
    assertTrue(q.endsWith("(1000001 characters)"), q);
    assertTrue(q.length() < 120, q);
  }

  @Test
  void topicsNameEachUnusableIdOfAnInboundMessage() {
    VoiceUtterance u = VoiceUtterance.newBuilder().setSessionId("a/b").setUtteranceId("u".repeat(70)).build();
    List<String> problems = Topics.VOICE.idProblems(u);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("session_id \"a/b\""), problems.get(0));
    assertTrue(problems.get(1).startsWith("utterance_id"), problems.get(1));
    assertTrue(Topics.VOICE.idProblems(VoiceUtterance.newBuilder().setSessionId("s").build()).isEmpty(),
        "an empty utterance id is optional");
    assertEquals(1, Topics.VOICE.idProblems(VoiceUtterance.getDefaultInstance()).size(), "the session id is not");
    PerceptionRequest p = PerceptionRequest.newBuilder().setRequestId("r1").addCameraIds("cabin")
        .addCameraIds("ext/*").build();
    assertEquals(1, Topics.PERCEPTION_REQUEST.idProblems(p).size());
  }

  @Test
  void aReplyWhoseSessionCannotFormAKeyGoesToTheRefusedChunk() {
    assertEquals("vehicle/V1/cockpit/replies/~refused",
        Topics.REPLIES.keyFor("V1", Reply.newBuilder().setSessionId("a/b").build()).toString());
    assertEquals("vehicle/V1/cockpit/replies/s1",
        Topics.REPLIES.keyFor("V1", Reply.newBuilder().setSessionId("s1").build()).toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Topics.DETECTIONS.key("V1", Map.of("camera", "c".repeat(100))));
    assertTrue(e.getMessage().contains("{camera}"), e.getMessage());
  }
}
