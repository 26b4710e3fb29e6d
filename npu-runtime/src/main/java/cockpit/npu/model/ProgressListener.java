package cockpit.npu.model;

/**
 * Progress of a long model operation, e.g. {@code ("weights", bytesWritten, totalBytes)}. Called on
 * the working thread, often (every chunk); implementations should be cheap and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (stage, done, total) -> {};

  void progress(String stage, long done, long total);
}
