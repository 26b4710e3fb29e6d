package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cancel handle and the hooks backends hang on it. */
class CancelHandleTest {
  static final class Recorder implements CancelHandle.Hook {
    int terminated;
    int closed;

    @Override
    public void terminate() {
      terminated++;
    }

    @Override
    public void close() {
      closed++;
    }
  }

  @Test
  void cancelTerminatesEachHookOnceAndCloseClosesThem() {
    CancelHandle c = new CancelHandle();
    Recorder r = c.hook("k", Recorder.class, Recorder::new);
    assertSame(r, c.hook("k", Recorder.class, Recorder::new), "one hook per key");
    c.cancel();
    c.cancel();
    assertTrue(c.cancelled());
    assertEquals(1, r.terminated);
    c.close();
    c.close();
    assertEquals(1, r.closed);
    c.cancel(); // after close: nothing more to stop, no failure
    var e = assertThrows(IllegalStateException.class, () -> c.hook("other", Recorder.class, Recorder::new));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void aHookMadeAfterTheCancelIsTerminatedAtOnce() {
    try (CancelHandle c = new CancelHandle()) {
      c.cancel();
      Recorder r = c.hook("late", Recorder.class, Recorder::new);
      assertEquals(1, r.terminated, "a run started after a barge-in must stop too");
    }
  }
}
