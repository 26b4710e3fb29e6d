package cockpit.train.vlm;

import cockpit.train.data.VlmSample;
import java.util.List;

/**
 * One step's samples as flat arrays for the forward: token ids right-padded with {@code <|pad|>}
 * (id 0) to the longest sample (causal attention and the causal conv keep padding out of every real
 * position), where the image rows go, which positions are scored, and the pixels. Immutable after
 * construction (arrays are not copied on access: do not modify them).
 *
 * @param batch rows B
 * @param seq padded length S
 * @param ids [B·S] token ids
 * @param imageRows [B·S] 0 for a text position, else 1 + the row of the batch's image features
 *     ([images·tokens, H], images in sample order) that replaces it
 * @param textMask [B·S] 1 at text positions, 0 at image positions
 * @param scored [N] flat positions b·S + t − 1 whose output predicts a scored token t
 * @param targets [N] the scored tokens
 * @param pixels [images, 3, size, size] flattened
 * @param images number of images
 * @param tasks the task of each row
 * @param lengths the unpadded length of each row
 */
public record VlmBatch(int batch, int seq, long[] ids, long[] imageRows, float[] textMask, long[] scored,
    long[] targets, float[] pixels, int images, List<String> tasks, int[] lengths) {

  /**
   * Packs {@code samples}; every {@code <image>} id (the chat format's {@code image}) must come in runs
   * of {@code tokensPerImage}, one run per image of its sample.
   *
   * @throws IllegalArgumentException when image placeholders and images disagree
   */
  public static VlmBatch of(List<VlmSample> samples, int imageId, int tokensPerImage, int imageSize) {
    int b = samples.size();
    int s = samples.stream().mapToInt(x -> x.ids().length).max().orElseThrow();
    int images = samples.stream().mapToInt(x -> x.images().size()).sum();
    int n = samples.stream().mapToInt(VlmSample::targets).sum();
    long[] ids = new long[b * s];
    long[] rows = new long[b * s];
    float[] text = new float[b * s];
    long[] scored = new long[n];
    long[] targets = new long[n];
    int plane = 3 * imageSize * imageSize;
    float[] pixels = new float[images * plane];
    int image = 0;
    int k = 0;
    for (int i = 0; i < b; i++) {
      VlmSample x = samples.get(i);
      for (int j = 0; j < x.images().size(); j++) {
        float[] px = x.images().get(j);
        if (px.length != plane) {
          throw new IllegalArgumentException(x.task() + ": an image of " + px.length + " values is not [3, " + imageSize
              + ", " + imageSize + "]");
        }
        System.arraycopy(px, 0, pixels, (image + j) * plane, plane);
      }
      int placeholders = x.images().size() * tokensPerImage;
      int seen = 0;
      for (int t = 0; t < s; t++) {
        int at = i * s + t;
        boolean real = t < x.ids().length;
        int id = real ? x.ids()[t] : 0;
        ids[at] = id;
        if (real && id == imageId) {
          rows[at] = 1L + (long) image * tokensPerImage + seen++;
        } else {
          text[at] = 1;
        }
        if (real && x.target()[t]) {
          scored[k] = at - 1;
          targets[k++] = id;
        }
      }
      if (seen != placeholders) {
        throw new IllegalArgumentException(x.task() + ": " + seen + " <image> ids for " + x.images().size()
            + " images of " + tokensPerImage + " tokens");
      }
      image += x.images().size();
    }
    return new VlmBatch(b, s, ids, rows, text, scored, targets, pixels, images,
        samples.stream().map(VlmSample::task).toList(), samples.stream().mapToInt(x -> x.ids().length).toArray());
  }

  /** Real (non-padding) tokens. */
  public long realTokens() {
    long n = 0;
    for (int len : lengths) {
      n += len;
    }
    return n;
  }
}
