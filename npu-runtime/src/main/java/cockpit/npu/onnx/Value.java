package cockpit.npu.onnx;

import java.util.Objects;

/** A named value in a graph under construction (an input, initializer or node output). */
public record Value(String name) {
  /** The absent optional input, which ONNX writes as an empty name. */
  public static final Value NONE = new Value("");

  public Value {
    Objects.requireNonNull(name, "name");
  }
}
