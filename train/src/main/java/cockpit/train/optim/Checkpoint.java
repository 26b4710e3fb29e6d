package cockpit.train.optim;

import ai.djl.ndarray.NDArray;
import cockpit.npu.model.Safetensors;
import cockpit.npu.model.SafetensorsDType;
import cockpit.npu.model.SafetensorsWeights;
import cockpit.npu.model.SafetensorsWriter;
import cockpit.train.torch.Params;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint as one safetensors file: every parameter under its own name, the AdamW
 * moments under {@code adamw.m.<name>} / {@code adamw.v.<name>}, and in the metadata the number of
 * steps done and AdamW's update count. Everything a run needs to continue bit for bit, given that
 * its data and learning rate are functions of the step (they are, in this module). fp32 bytes are
 * written and read back exactly. Stateless.
 */
public final class Checkpoint {
  public static final String STEP = "step";
  public static final String UPDATES = "adamw_updates";

  private Checkpoint() {}

  /** Writes {@code params}, {@code opt}'s moments and {@code step} to {@code file} (atomically). */
  public static void write(Path file, Params params, AdamW opt, long step, Map<String, String> metadata)
      throws IOException {
    Map<String, String> meta = new HashMap<>(metadata);
    meta.put(STEP, Long.toString(step));
    meta.put(UPDATES, Long.toString(opt.steps()));
    Map<String, NDArray> all = new LinkedHashMap<>(params.all());
    params.all().keySet().forEach(n -> all.put("adamw.m." + n, opt.firstMoment(n)));
    params.all().keySet().forEach(n -> all.put("adamw.v." + n, opt.secondMoment(n)));
    try (SafetensorsWriter w = new SafetensorsWriter(file, meta)) {
      all.forEach((name, a) -> w.declare(name, SafetensorsDType.F32, a.getShape().getShape()));
      for (Map.Entry<String, NDArray> e : all.entrySet()) {
        w.write(e.getKey(), e.getValue().toFloatArray());
      }
    }
  }

  /** Loads {@code file} into {@code params} and {@code opt} (same names and shapes); returns the step. */
  public static long read(Path file, Params params, AdamW opt) throws IOException {
    try (SafetensorsWeights w = Safetensors.open(file)) {
      Map<String, float[]> first = new HashMap<>();
      Map<String, float[]> second = new HashMap<>();
      params.all().forEach((name, a) -> {
        long[] dims = a.getShape().getShape();
        w.checkShape(name, dims);
        a.set(w.floats(name));
        w.checkShape("adamw.m." + name, dims);
        w.checkShape("adamw.v." + name, dims);
        first.put(name, w.floats("adamw.m." + name));
        second.put(name, w.floats("adamw.v." + name));
      });
      String step = w.metadata().get(STEP);
      String updates = w.metadata().get(UPDATES);
      if (step == null || updates == null) {
        throw new IllegalArgumentException(file + " is not a training checkpoint (no " + STEP + "/" + UPDATES
            + " metadata)");
      }
      opt.restore(first, second, Long.parseLong(updates));
      return Long.parseLong(step);
    }
  }
}
