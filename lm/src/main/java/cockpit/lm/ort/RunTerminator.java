package cockpit.lm.ort;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import cockpit.lm.CancelHandle;

/**
 * The ONNX Runtime side of a {@link CancelHandle}: one {@code RunOptions} per handle, passed to every
 * run made under it; cancelling sets its terminate flag, which stops the run in flight and every later
 * one. Closed with the handle. Thread-safe (ORT allows setting the flag during a run).
 */
final class RunTerminator implements CancelHandle.Hook {
  /** The key the ORT backends share on a handle: one RunOptions serves the decoder and the encoder. */
  private static final Object KEY = RunTerminator.class;

  private final OrtSession.RunOptions options;

  private RunTerminator() {
    try {
      options = new OrtSession.RunOptions();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot create ONNX Runtime run options: " + e.getMessage(), e);
    }
  }

  /** The run options for runs under {@code cancel}; null (plain runs) when {@code cancel} is null. */
  static OrtSession.RunOptions of(CancelHandle cancel) {
    return cancel == null ? null : cancel.hook(KEY, RunTerminator.class, RunTerminator::new).options;
  }

  @Override
  public void terminate() {
    try {
      options.setTerminate(true);
    } catch (OrtException | IllegalStateException ignored) {
      // Closed meanwhile: nothing is running under it any more.
    }
  }

  @Override
  public void close() {
    options.close();
  }
}
