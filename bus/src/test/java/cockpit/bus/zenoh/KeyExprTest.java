package cockpit.bus.zenoh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyExprTest {
  @Test
  void tryFromAcceptsCanonicalExpressions() {
    assertEquals("vehicle/V1/cabin/camera/*", KeyExpr.tryFrom("vehicle/V1/cabin/camera/*").toString());
    assertEquals("vehicle/**", KeyExpr.tryFrom("vehicle/**").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a//b", "/a", "a/", "a/b?c", "a#b", "a/b*", "a/$*$"})
  void tryFromRejectsInvalidExpressionsNamingThem(String bad) {
    ZError e = assertThrows(ZError.class, () -> KeyExpr.tryFrom(bad));
    assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    assertTrue(e.getMessage().length() > ("invalid key expression '" + bad + "': ").length(),
        "Zenoh's reason follows: " + e.getMessage());
  }

  @Test
  void tryFromRejectsEmpty() {
    assertThrows(ZError.class, () -> KeyExpr.tryFrom(""));
  }

  @Test
  void autocanonizeCollapsesDoubleStars() {
    assertEquals("a/**", KeyExpr.autocanonize("a/**/**").toString());
    assertThrows(ZError.class, () -> KeyExpr.tryFrom("a/**/**"));
  }

  @Test
  void intersectsAndIncludesFollowZenoh() {
    KeyExpr all = KeyExpr.tryFrom("vehicle/*/cabin/camera/*");
    KeyExpr one = KeyExpr.tryFrom("vehicle/V1/cabin/camera/front");
    KeyExpr other = KeyExpr.tryFrom("vehicle/V1/state");
    assertTrue(all.intersects(one));
    assertTrue(all.includes(one));
    assertFalse(one.includes(all));
    assertFalse(all.intersects(other));
  }

  @Test
  void tryFromRejectsExpressionsOverTheBoundWithAShortMessage() {
    String atBound = "k/" + "x".repeat(KeyExpr.MAX_BYTES - 2);
    assertEquals(atBound, KeyExpr.tryFrom(atBound).toString());
    ZError e = assertThrows(ZError.class, () -> KeyExpr.tryFrom(atBound + "y"));
    assertEquals(ZError.Kind.INVALID_ARGUMENT, e.kind());
    assertTrue(e.getMessage().contains("4097 bytes, at most 4096"), e.getMessage());
    assertTrue(e.getMessage().length() < 300, e.getMessage());
  }
}
