package cockpit.train.vlm;

import cockpit.train.data.VlmSample;
import java.util.List;

/**
 * The samples of one training step: a pure function of the step and the curriculum stage, so a
 * resumed run sees exactly the data an uninterrupted one would. Implementations are thread-safe
 * (a prefetch thread calls them ahead of the trainer).
 */
@FunctionalInterface
public interface BatchSource {
  List<VlmSample> at(long step, Curriculum.Stage stage);
}
