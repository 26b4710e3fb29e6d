package cockpit.train.optim;

import java.util.List;

/**
 * An update refused because the gradients hold NaN or ∞: nothing was changed and the gradients were
 * zeroed, so the caller may recompute the step. {@link #parameters} names the tensors affected.
 */
public final class NonFiniteGradientException extends IllegalStateException {
  private final transient List<String> parameters;

  public NonFiniteGradientException(double norm, long update, List<String> parameters) {
    super("gradient norm " + norm + " at update " + update + " (non-finite in " + parameters.size() + " tensors, first "
        + parameters.subList(0, Math.min(3, parameters.size())) + "); no update applied");
    this.parameters = List.copyOf(parameters);
  }

  public List<String> parameters() {
    return parameters;
  }
}
