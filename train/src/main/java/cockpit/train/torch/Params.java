package cockpit.train.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import cockpit.npu.model.SafetensorsDType;
import cockpit.npu.model.SafetensorsWriter;
import cockpit.npu.model.Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Trainable fp32 parameters under the model's safetensors names (MODEL.md), as NDArrays that
 * record gradients. Owns its NDManager: every parameter lives until {@link #close}. Not thread-safe;
 * one training loop owns it.
 */
public final class Params implements AutoCloseable {
  private final NDManager manager;
  private final SequencedMap<String, NDArray> map = new LinkedHashMap<>();

  private Params(NDManager manager) {
    this.manager = manager;
  }

  /** Empty parameters on a sub-manager of {@code parent}. */
  public static Params empty(NDManager parent) {
    return new Params(parent.newSubManager());
  }

  /**
   * Copies {@code names} (in that order) from {@code weights}, checking each shape against
   * {@code shapes}.
   */
  public static Params load(NDManager parent, Weights weights, Map<String, long[]> shapes) {
    Params p = empty(parent);
    try {
      shapes.forEach((name, dims) -> {
        weights.checkShape(name, dims);
        p.put(name, weights.floats(name), dims);
      });
      return p;
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** Adds (or replaces) a parameter with these values; it records gradients. */
  public NDArray put(String name, float[] values, long... dims) {
    NDArray a = manager.create(values, new Shape(dims));
    a.setRequiresGradient(true);
    NDArray old = map.put(name, a);
    if (old != null) {
      old.close();
    }
    return a;
  }

  /** The parameter, or an IllegalArgumentException naming it. */
  public NDArray get(String name) {
    NDArray a = map.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter " + name);
    }
    return a;
  }

  /** Every parameter by name, in insertion order (read-only view). */
  public Map<String, NDArray> all() {
    return Collections.unmodifiableMap(map);
  }

  /** Total scalar count. */
  public long count() {
    return map.values().stream().mapToLong(a -> a.getShape().size()).sum();
  }

  public NDManager manager() {
    return manager;
  }

  /** Writes every parameter as F32 under its name (streamed through {@link SafetensorsWriter}). */
  public void writeSafetensors(Path file, Map<String, String> metadata) throws IOException {
    try (SafetensorsWriter w = new SafetensorsWriter(file, metadata)) {
      map.forEach((name, a) -> w.declare(name, SafetensorsDType.F32, a.getShape().getShape()));
      for (Map.Entry<String, NDArray> e : map.entrySet()) {
        w.write(e.getKey(), e.getValue().toType(DataType.FLOAT32, false).toFloatArray());
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
