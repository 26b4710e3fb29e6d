package cockpit.train.vlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import cockpit.train.data.VlmSample;
import cockpit.train.torch.Params;
import cockpit.train.torch.Torch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Length-sorted micro-batches: a partition of the step's samples with the same gradients as one padded batch. */
class MicroBatchesTest {
  @Test
  void groupsPartitionTheSamplesByLengthAndSplitOnlyWhenLengthsDiffer() {
    List<VlmSample> samples = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      samples.add(sample(i % 3 == 0 ? 600 : 200 + i));
    }
    List<List<VlmSample>> groups = MicroBatches.split(samples, 4);
    assertTrue(groups.size() >= 2, "600 vs ~200 tokens: split, got " + groups.size());
    List<VlmSample> all = groups.stream().flatMap(List::stream).toList();
    assertEquals(new HashSet<>(samples), new HashSet<>(all));
    assertEquals(samples.size(), all.size());
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i - 1).ids().length <= all.get(i).ids().length, "sorted by length");
    }
    List<VlmSample> even = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      even.add(sample(300));
    }
    assertEquals(1, MicroBatches.split(even, 4).size(), "equal lengths: one pass");
    assertEquals(1, MicroBatches.split(samples, 1).size());
  }

  @Test
  void microBatchedGradientsEqualOnePaddedBatch() {
    VlmModel model = new VlmModel(MicroVlm.CONFIG);
    List<VlmSample> samples = MicroVlm.source().at(3, null);
    try (NDManager base = Torch.engine().newBaseManager(); Params p = Params.empty(base)) {
      VlmInit.init(model, p, 5, VlmInit.images(base, MicroVlm.spreadImages(), 64));
      Map<String, float[]> one = gradients(model, p, List.of(samples));
      Map<String, float[]> split = gradients(model, p, MicroBatches.split(samples, 3));
      one.forEach((name, g) -> {
        float[] h = split.get(name);
        for (int i = 0; i < g.length; i++) {
          assertEquals(g[i], h[i], 1e-5 + 1e-4 * Math.abs(g[i]), name + "[" + i + "]");
        }
      });
    }
  }

  private static Map<String, float[]> gradients(VlmModel model, Params p, List<List<VlmSample>> groups) {
    int targets = groups.stream().flatMap(List::stream).mapToInt(VlmSample::targets).sum();
    Map<String, float[]> out = new LinkedHashMap<>();
    try (NDManager m = p.manager().getParentManager().newSubManager()) {
      p.all().values().forEach(a -> a.tempAttach(m));
      try (GradientCollector gc = Torch.engine().newGradientCollector()) {
        for (List<VlmSample> g : groups) {
          NDArray l = model.lossSum(p, VlmBatch.of(g, 8, 4, 64), m).div(targets);
          gc.backward(l);
        }
      }
      p.all().forEach((name, a) -> {
        out.put(name, a.getGradient().toFloatArray());
        a.getGradient().subi(a.getGradient());
      });
    }
    return out;
  }

  private static VlmSample sample(int length) {
    int[] ids = new int[length];
    Arrays.fill(ids, 3);
    boolean[] t = new boolean[length];
    t[length - 1] = true;
    return new VlmSample("t", ids, t, List.of());
  }
}
