package cockpit.train.data;

import java.util.List;
import java.util.Objects;

/**
 * One tokenized training sequence: chat-formatted token ids with {@code <image>} placeholders, the
 * images whose encoder rows replace them (in order, {@code tokensPerImage} rows each), and which
 * tokens count in the loss. Arrays are the sample's own.
 *
 * @param task the perception task, or {@code dialogue/<kind>} for dialogue samples
 * @param ids token ids [S]
 * @param target target[t] = the loss counts the prediction of token t (from position t − 1); false at 0
 * @param images encoder inputs, each [3, S', S'] in [0, 1]
 */
public record VlmSample(String task, int[] ids, boolean[] target, List<float[]> images) {
  public VlmSample {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(target, "target");
    images = List.copyOf(images);
    if (ids.length < 2 || ids.length != target.length) {
      throw new IllegalArgumentException("a sample needs ≥ 2 ids and one target flag per id, got " + ids.length
          + " and " + target.length);
    }
    if (target[0]) {
      throw new IllegalArgumentException("the first token has no prediction to count");
    }
  }

  /** Tokens whose prediction counts. */
  public int targets() {
    int n = 0;
    for (boolean b : target) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** Index of the first counted token (the answer's start), or −1. */
  public int firstTarget() {
    for (int i = 0; i < target.length; i++) {
      if (target[i]) {
        return i;
      }
    }
    return -1;
  }
}
