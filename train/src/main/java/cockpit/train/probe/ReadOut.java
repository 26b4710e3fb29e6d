package cockpit.train.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import cockpit.train.torch.Nn;
import cockpit.train.torch.Params;
import java.util.SplittableRandom;

/**
 * The probe's small read-out head on a feature map [B, C, g, g]: a 1×1 reduction to
 * {@value #REDUCED} channels + GELU, flattened (position matters: seats sit at fixed places), one
 * linear layer to the targets: 5 seats × {@link CabinSamples#CLASSES} occupant logits, 5 belt logits,
 * 1 eyes-on-road logit. Also the masked losses. Stateless.
 */
final class ReadOut {
  static final int REDUCED = 16;
  static final int SLOTS = CabinSamples.SLOTS.size();
  static final int OUTPUTS = SLOTS * CabinSamples.CLASSES + SLOTS + 1;

  private ReadOut() {}

  static void init(Params p, int channels, int grid, long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x4EADL);
    long[] reduce = {REDUCED, channels};
    p.put("head.reduce.weight", Backbone.fill(reduce, 0, 1 / Math.sqrt(channels), r), reduce);
    p.put("head.reduce.bias", new float[REDUCED], REDUCED);
    int flat = REDUCED * grid * grid;
    long[] out = {OUTPUTS, flat};
    p.put("head.out.weight", Backbone.fill(out, 0, 1 / Math.sqrt(flat), r), out);
    p.put("head.out.bias", new float[OUTPUTS], OUTPUTS);
  }

  /** [B, C, g, g] → logits [B, OUTPUTS]. */
  static NDArray forward(Params p, NDArray features) {
    long b = features.getShape().get(0);
    NDArray t = features.transpose(0, 2, 3, 1); // [B, g, g, C]
    NDArray h = Nn.geluErf(Nn.linear(t, p.get("head.reduce.weight"), p.get("head.reduce.bias")));
    return Nn.linear(h.reshape(b, -1), p.get("head.out.weight"), p.get("head.out.bias"));
  }

  /**
   * Mean occupant cross-entropy over the slots + masked belt and eyes binary cross-entropies.
   *
   * @param seat one-hot [B, SLOTS, CLASSES]
   * @param belt [B, SLOTS] in {0, 1}, with {@code beltMask} 1 where a belt exists
   * @param eyes [B, 1], with {@code eyesMask}
   */
  static NDArray loss(NDArray logits, NDArray seat, NDArray belt, NDArray beltMask, NDArray eyes, NDArray eyesMask) {
    long b = logits.getShape().get(0);
    int classes = CabinSamples.CLASSES;
    NDArray seatLogits = logits.get(":, 0:" + SLOTS * classes).reshape(b, SLOTS, classes);
    NDArray ce = seatLogits.logSoftmax(-1).mul(seat).sum(new int[] {2}).neg().mean();
    NDArray beltLogits = logits.get(":, " + SLOTS * classes + ":" + (SLOTS * classes + SLOTS));
    NDArray eyesLogits = logits.get(":, " + (OUTPUTS - 1) + ":");
    return ce.add(bce(beltLogits, belt, beltMask)).add(bce(eyesLogits, eyes, eyesMask));
  }

  /** Numerically stable masked BCE with logits: max(z, 0) − z·t + log(1 + e^−|z|), averaged over the mask. */
  private static NDArray bce(NDArray z, NDArray t, NDArray mask) {
    NDArray l = NDArrays.maximum(z, 0f).sub(z.mul(t)).add(z.abs().neg().exp().add(1f).log());
    return l.mul(mask).sum().div(NDArrays.maximum(mask.sum(), 1f));
  }

  /** Shape of a batch's one-hot seat targets. */
  static Shape seatShape(int batch) {
    return new Shape(batch, SLOTS, CabinSamples.CLASSES);
  }
}
