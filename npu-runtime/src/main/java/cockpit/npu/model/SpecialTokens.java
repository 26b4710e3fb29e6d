package cockpit.npu.model;

/**
 * Ids of LFM2's chat special tokens (ChatML-like) and the image tokens, as in the released
 * tokenizers: pad 0, {@code <|startoftext|>} 1, {@code <|endoftext|>} 2, {@code <|im_start|>} 6,
 * {@code <|im_end|>} 7 (end of turn), {@code <image>} 396, {@code <|image_start|>} 498,
 * {@code <|image_end|>} 499.
 */
public record SpecialTokens(int pad, int bos, int eos, int imStart, int imEnd, int image, int imageStart,
    int imageEnd) {
  public static final SpecialTokens LFM2 = new SpecialTokens(0, 1, 7, 6, 7, 396, 498, 499);

  /** The largest id among them (a vocabulary must be larger). */
  public int maxId() {
    return Math.max(Math.max(Math.max(pad, bos), Math.max(eos, imStart)),
        Math.max(Math.max(imEnd, image), Math.max(imageStart, imageEnd)));
  }
}
