package cockpit.dialogue.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdTest {
  private static final Path DIR = Path.of("/var/lib/cockpit/snapshots");

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "0", "session-1", "a.b_c-D.9", ".hidden", "a..b", "...", "-", "_",
      "0123456789012345678901234567890123456789012345678901234567890123"})
  void accepts_allowedIds_andNamesAFileInsideTheDirectory(String raw) {
    SessionId id = SessionId.tryFrom(raw);
    assertEquals(raw, id.value());
    assertEquals(raw + ".snap", id.fileName());
    assertEquals(DIR, DIR.resolve(id.fileName()).normalize().getParent());
    assertTrue(SessionId.isValid(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "../x", "..\\x", "a/b", "/etc/passwd", "a\\b", "a\0b", "\0", "a b",
      "x\n", "é", "ｓｅｓｓｉｏｎ", "日本", "\uD83D\uDE00", "C:x", "a*", "~", "$HOME",
      "01234567890123456789012345678901234567890123456789012345678901234"})
  void rejects_traversalSeparatorsControlUnicodeAndOverlong(String raw) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionId.tryFrom(raw));
    assertTrue(e.getMessage().startsWith("invalid session id "), e.getMessage());
    assertFalse(SessionId.isValid(raw));
  }

  @Test
  void rejects_null() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SessionId(null));
    assertEquals("invalid session id null: it is null", e.getMessage());
  }

  @Test
  void message_namesTheOffendingCharacterAndEscapesControls() {
    assertEquals("invalid session id \"a/b\": character U+002F at index 1 is not allowed (only A-Z a-z 0-9 . _ -)",
        message("a/b"));
    assertEquals("invalid session id \"a\\u0000b\": character U+0000 at index 1 is not allowed"
        + " (only A-Z a-z 0-9 . _ -)", message("a\0b"));
    assertEquals("invalid session id \"..\": '.' and '..' are reserved", message(".."));
    assertEquals("invalid session id \"\": it is empty", message(""));
    assertTrue(message("\uD83D\uDE00").contains("U+1F600 at index 0"), message("\uD83D\uDE00"));
    String longId = "x".repeat(200);
    String m = message(longId);
    assertTrue(m.endsWith("...\": 200 characters, at most 64 are allowed"), m);
    assertTrue(m.length() < 160, "a huge bus id must not make a huge log line: " + m.length());
  }

  /** Every string up to three characters over an alphabet of troublemakers: rejected or contained. */
  @Test
  void exhaustive_shortStringsOverHostileAlphabet_neverEscapeTheDirectory() {
    char[] alphabet = {'.', '/', '\\', 'a', '\0', '-', 'é', ' ', ':'};
    List<String> all = new ArrayList<>(List.of(""));
    List<String> layer = List.of("");
    for (int len = 1; len <= 3; len++) {
      List<String> next = new ArrayList<>();
      for (String s : layer) {
        for (char c : alphabet) {
          next.add(s + c);
        }
      }
      all.addAll(next);
      layer = next;
    }
    int accepted = 0;
    for (String raw : all) {
      boolean expect = raw.matches("[a.-]{1,3}") && !raw.equals(".") && !raw.equals("..");
      assertEquals(expect, SessionId.isValid(raw), () -> "isValid(" + raw + ")");
      if (expect) {
        accepted++;
        Path file = DIR.resolve(SessionId.tryFrom(raw).fileName());
        assertEquals(DIR, file.normalize().getParent(), raw);
        assertEquals(1, DIR.relativize(file.normalize()).getNameCount(), raw);
      } else {
        assertThrows(IllegalArgumentException.class, () -> SessionId.tryFrom(raw), raw);
      }
    }
    assertEquals(3 + 9 + 27 - 2, accepted); // all strings over {., a, -} except "." and ".."
  }

  private static String message(String raw) {
    return assertThrows(IllegalArgumentException.class, () -> SessionId.tryFrom(raw)).getMessage();
  }

  @Test
  void equality_isByValue() {
    assertEquals(SessionId.tryFrom("s1"), new SessionId("s1"));
    assertEquals("s1", SessionId.tryFrom("s1").toString());
  }
}
