package cockpit.lm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StopStringsTest {
  @Test
  void findsAStopStringSplitAcrossPiecesAndDropsIt() {
    StopStrings s = new StopStrings(List.of("</answer>"));
    StringBuilder shown = new StringBuilder();
    for (String piece : List.of("The seat ", "is fre", "e.</", "ans", "wer> trailing")) {
      shown.append(s.append(piece));
      if (s.stopped()) {
        break;
      }
    }
    assertTrue(s.stopped());
    assertEquals(Optional.of("</answer>"), s.matched());
    assertEquals("The seat is free.", shown.toString());
  }

  @Test
  void holdsBackOnlyWhatCouldStillStartAStopString() {
    StopStrings s = new StopStrings(List.of("STOP"));
    assertEquals("abc", s.append("abcS"));
    assertEquals("", s.append("T"));
    assertEquals("STx", s.append("x"), "the partial match broke off, so the held text is released");
    assertEquals("", s.append("ST"));
    assertEquals("ST", s.flush(), "end of generation releases the held tail");
    assertFalse(s.stopped());
  }

  @Test
  void overlappingCandidatesAndSelfOverlapAreFound() {
    StopStrings s = new StopStrings(List.of("aab"));
    assertEquals("", s.append("a"));
    assertEquals("", s.append("a"));
    assertEquals("a", s.append("a"), "aaa: only the last two can still start aab");
    assertEquals("", s.append("b"));
    assertTrue(s.stopped());
  }

  @Test
  void theStopThatEndsFirstWinsWithinOnePiece() {
    StopStrings s = new StopStrings(List.of("world!", "lo w"));
    assertEquals("hel", s.append("hello world!"));
    assertEquals(Optional.of("lo w"), s.matched());
  }

  @Test
  void aStopInsideTheFirstPieceAndNoStopsAtAll() {
    StopStrings s = new StopStrings(List.of("\n\n"));
    assertEquals("one", s.append("one\n\ntwo"));
    assertThrows(IllegalStateException.class, () -> s.append("more"));
    StopStrings none = new StopStrings(List.of());
    assertEquals("anything", none.append("anything"));
    assertEquals("", none.flush());
  }

  @Test
  void rejectsEmptyStopStrings() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StopStrings(List.of("x", "")));
    assertEquals("stop string 1 is null or empty", e.getMessage());
  }
}
