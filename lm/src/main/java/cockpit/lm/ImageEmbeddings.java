package cockpit.lm;

import java.util.List;

/**
 * Puts images into a prompt: the token embeddings of a prompt whose image turns hold
 * {@code <image>} placeholders ({@link cockpit.lm.text.ChatFormat#imageBlock}), with those rows
 * replaced, in order, by the feature rows of the images ({@link VisionEncoder#encode}). Any number
 * of images; each takes as many placeholders as it has feature rows. Stateless and thread-safe (as
 * thread-safe as the decoder whose embedding rows it reads).
 */
public final class ImageEmbeddings {
  private ImageEmbeddings() {}

  /**
   * The embeddings [T·H] of {@code prompt} with its {@code imageToken} rows replaced by {@code images}.
   *
   * @param images feature rows per image, each [n·H], in the order their blocks appear in the prompt
   * @throws IllegalArgumentException if a feature array is not whole rows of H, or the placeholders and
   *     the feature rows do not match in number
   */
  public static float[] of(Decoder decoder, int[] prompt, int imageToken, List<float[]> images) {
    int h = decoder.config().hiddenSize();
    int rows = 0;
    for (float[] f : images) {
      if (f.length == 0 || f.length % h != 0) {
        throw new IllegalArgumentException("image features hold " + f.length + " values, not whole rows of " + h);
      }
      rows += f.length / h;
    }
    int placeholders = 0;
    for (int id : prompt) {
      placeholders += id == imageToken ? 1 : 0;
    }
    if (placeholders != rows) {
      throw new IllegalArgumentException("the prompt has " + placeholders + " <image> tokens for " + rows
          + " image feature rows (" + images.size() + " images)");
    }
    float[] embeds = new float[prompt.length * h];
    int image = 0;
    int row = 0;
    for (int i = 0; i < prompt.length; i++) {
      if (prompt[i] != imageToken) {
        System.arraycopy(decoder.embed(prompt[i]), 0, embeds, i * h, h);
        continue;
      }
      float[] f = images.get(image);
      System.arraycopy(f, row * h, embeds, i * h, h);
      if (++row == f.length / h) {
        image++;
        row = 0;
      }
    }
    return embeds;
  }
}
