package cockpit.dialogue;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Cancels one generation from any thread: the loop checks {@link #cancelled()} between steps, and
 * the ONNX Runtime run in flight is terminated through its RunOptions. Owned by the generation
 * (which closes the RunOptions); {@link #cancel} may be called any number of times.
 */
public final class CancelHandle implements AutoCloseable {
  private final OrtSession.RunOptions run;
  private volatile boolean cancelled;

  public CancelHandle() {
    try {
      this.run = new OrtSession.RunOptions();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot create ONNX Runtime run options: " + e.getMessage(), e);
    }
  }

  public void cancel() {
    cancelled = true;
    try {
      run.setTerminate(true);
    } catch (OrtException | IllegalStateException ignored) {
      // Already closed: the generation has finished, nothing is left to stop.
    }
  }

  public boolean cancelled() {
    return cancelled;
  }

  OrtSession.RunOptions runOptions() {
    return run;
  }

  @Override
  public void close() {
    run.close();
  }
}
