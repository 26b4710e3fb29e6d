package cockpit.sim.scenario;

import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.SessionControl;
import cockpit.proto.v1.VehicleState;
import cockpit.sim.scene.Scene;
import java.nio.file.Path;
import java.util.Objects;

/** What an {@link Event} publishes. */
public sealed interface Action {
  /** A camera frame: a rendered scene or an image file, encoded as {@code encoding}. */
  record Frame(String camera, FrameEncoding encoding, Source source) implements Action {
    public Frame {
      Objects.requireNonNull(camera, "camera");
      Objects.requireNonNull(encoding, "encoding");
      Objects.requireNonNull(source, "source");
    }
  }

  /** Where a frame's pixels come from. */
  sealed interface Source {}

  /** A scene rendered by {@link cockpit.sim.scene.SceneRenderer} at {@code width} × {@code height}. */
  record Rendered(Scene scene, long seed, int width, int height) implements Source {
    public Rendered {
      Objects.requireNonNull(scene, "scene");
    }
  }

  /** An image file (PNG or JPEG), resolved against the scenario's folder. */
  record ImageFile(Path path) implements Source {
    public ImageFile {
      Objects.requireNonNull(path, "path");
    }
  }

  /** A voice utterance; its utterance id is the event id. */
  record Say(String session, String seat, String text) implements Action {
    public Say {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(seat, "seat");
      Objects.requireNonNull(text, "text");
    }
  }

  /** A complete vehicle-state snapshot (the file's partial changes merged onto the previous one). */
  record Vehicle(VehicleState state) implements Action {
    public Vehicle {
      Objects.requireNonNull(state, "state");
    }
  }

  /** A perception request (an on-request task such as {@code car_finder}); its request id is the event id. */
  record Perceive(String task, java.util.List<String> cameras) implements Action {
    public Perceive {
      Objects.requireNonNull(task, "task");
      cameras = java.util.List.copyOf(cameras);
    }
  }

  /** A session control message. */
  record Control(SessionControl control) implements Action {
    public Control {
      Objects.requireNonNull(control, "control");
    }
  }
}
