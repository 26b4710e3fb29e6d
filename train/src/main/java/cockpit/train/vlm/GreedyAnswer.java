package cockpit.train.vlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import cockpit.lm.generate.ConstrainedDecoder;
import cockpit.lm.generate.TokenMasks;
import cockpit.train.data.VlmSample;
import cockpit.train.text.DecoderCache;
import cockpit.train.torch.Params;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Greedy answers of a trained model as the runtime would constrain them: the prompt (image rows
 * spliced in) is prefilled once, then each step takes the most likely token among those the task's
 * grammar allows ({@link TokenMasks} over the whole vocabulary, {@code <|im_end|>} ending the turn —
 * {@code TaskRunner}'s constraint) and feeds it back through the decoder's conv state and KV cache,
 * until the grammar finishes the document or its token budget is spent. Gradient recording is off
 * while it runs. Uses, does not own, the model and parameters; one thread.
 */
public final class GreedyAnswer {
  private final VlmModel model;
  private final Params params;
  private final NDManager manager;

  public GreedyAnswer(VlmModel model, Params params, NDManager manager) {
    this.model = Objects.requireNonNull(model, "model");
    this.params = Objects.requireNonNull(params, "params");
    this.manager = Objects.requireNonNull(manager, "manager");
  }

  /**
   * The answer text to {@code prompt} (a sample whose ids are the prompt only, with its image).
   *
   * @param masks the task's grammar over the vocabulary
   */
  public String answer(VlmSample prompt, TokenMasks masks) {
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager m = manager.newSubManager()) {
      VlmBatch batch = VlmBatch.of(List.of(prompt), model.config().tokens().image(), model.imageTokens(),
          model.vision().config().imageSize());
      DecoderCache cache = new DecoderCache();
      NDArray hidden = model.decoder().hidden(params, model.embeddings(params, batch, m), cache); // [1, S, H]
      NDArray last = hidden.get(":, -1, :"); // [1, H]
      ConstrainedDecoder d = masks.newDecoder();
      int imEnd = model.config().tokens().imEnd();
      for (long n = d.tokenBudget(); n > 0 && !d.finished(); n--) {
        int id = best(model.decoder().logits(params, last).toFloatArray(), d.allowed());
        d.accept(id);
        if (id == imEnd) {
          break;
        }
        NDArray e = model.decoder().embed(params, m.create(new long[] {id}, new Shape(1, 1))); // [1, 1, H]
        last = model.decoder().hidden(params, e, cache).get(":, -1, :");
      }
      return d.text();
    } finally {
      JniUtils.setGradMode(grad);
    }
  }

  /** The allowed id with the largest logit (the smallest id on ties). */
  static int best(float[] logits, BitSet allowed) {
    int best = -1;
    for (int i = allowed.nextSetBit(0); i >= 0 && i < logits.length; i = allowed.nextSetBit(i + 1)) {
      if (best < 0 || logits[i] > logits[best]) {
        best = i;
      }
    }
    if (best < 0) {
      throw new IllegalStateException("the grammar allows no token of the model's vocabulary");
    }
    return best;
  }
}
