package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.text.Content;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Image feature rows replace the {@code <image>} rows of a prompt, image after image. */
class ImageEmbeddingsTest {
  @Test
  void twoImagesFillTheirBlocksInOrderAndTextRowsAreTheTokenEmbeddings() throws Exception {
    LanguageModel m = TinyModel.model();
    Decoder d = m.decoder();
    int h = d.config().hiddenSize();
    int[] prompt = m.chat().userTurn(List.of(new Content.Image(2), new Content.Text("and"), new Content.Image(3)));
    float[] first = filled(2 * h, 1f);
    float[] second = filled(3 * h, 2f);
    float[] e = ImageEmbeddings.of(d, prompt, m.chat().image(), List.of(first, second));
    int seen = 0;
    for (int i = 0; i < prompt.length; i++) {
      float[] row = Arrays.copyOfRange(e, i * h, (i + 1) * h);
      if (prompt[i] == m.chat().image()) {
        assertArrayEquals(filled(h, seen++ < 2 ? 1f : 2f), row, "image row at " + i);
      } else {
        assertArrayEquals(d.embed(prompt[i]), row, "token row at " + i);
      }
    }
    assertTrue(seen == 5);
  }

  @Test
  void placeholdersAndFeatureRowsMustMatch() throws Exception {
    LanguageModel m = TinyModel.model();
    int h = m.decoder().config().hiddenSize();
    int[] prompt = m.chat().userTurn(List.of(new Content.Image(2)));
    var e = assertThrows(IllegalArgumentException.class,
        () -> ImageEmbeddings.of(m.decoder(), prompt, m.chat().image(), List.of(new float[3 * h])));
    assertTrue(e.getMessage().contains("2 <image> tokens for 3 image feature rows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ImageEmbeddings.of(m.decoder(), prompt, m.chat().image(), List.of(new float[h + 1])));
    assertTrue(e.getMessage().contains("whole rows"), e.getMessage());
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }
}
