package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * On ONNX Runtime, what a perception task allocates (a decoder state, an encoder input) is freed when the
 * task ends, not when a collection finds it (issue #11: the component grew by the whole direct-memory limit
 * and collected in storms). Checked on the JVM's direct-buffer pool: its size after many closed states and
 * many encodes stays below one state's and one image's bytes.
 */
class NativeMemoryTest {
  private static BufferPoolMXBean directPool() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
  }

  @Test
  void closedStatesAndFinishedEncodesLeaveNoDirectMemory() throws Exception {
    LanguageModel model = TinyModel.ort();
    BufferPoolMXBean direct = directPool();
    DecoderState probe = model.decoder().newState();
    long stateBytes = probe.bytes();
    probe.close();
    try (VisionEncoder encoder = model.openVisionEncoder()) {
      float[] px = Logits.image(encoder.imageSize(), 5);
      long imageBytes = 4L * px.length;
      encoder.encode(px); // the session's first run allocates what it keeps
      long before = direct.getMemoryUsed();
      DecoderState last = null;
      for (int i = 0; i < 30; i++) {
        DecoderState st = model.decoder().newState();
        model.decoder().prefill(st, model.decoder().embed(7), 1, null);
        st.close();
        encoder.encode(px);
        last = st;
      }
      long grown = direct.getMemoryUsed() - before;
      assertTrue(grown < Math.min(stateBytes, imageBytes), "30 closed states of " + stateBytes + " bytes and 30 "
          + "encodes of " + imageBytes + " bytes left " + grown + " direct bytes");
      DecoderState closed = last;
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> model.decoder().prefill(closed, model.decoder().embed(7), 1, null));
      assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }
  }
}
