package cockpit.perception;

import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.VehicleMode;
import cockpit.proto.v1.PerceptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which tasks run on a camera's frame: each task's duty cycle in the current {@link VehicleMode}
 * (at most one run per interval per task and camera; interval 0 = every frame) plus requested runs of
 * on-request tasks, which wait for the next frame of each named camera and bypass the change gate.
 *
 * <p>Threading: not thread-safe; the perception verticle confines it to its event loop. Memory is bounded
 * by tasks × cameras (last-run times) and by pending requests, which hold one entry per task and camera
 * (a newer request for the same task and camera replaces the older one).
 */
final class TaskScheduler {
  /** One run to do: the task, and the request it answers ({@code ""} for a scheduled run). */
  record Run(PerceptionTask task, String requestId) {}

  private final List<PerceptionTask> tasks;
  private final Map<String, Long> lastRun = new HashMap<>();
  /** task name → camera id ("*" = any camera of the task) → request id. */
  private final Map<String, Map<String, String>> pending = new LinkedHashMap<>();
  private VehicleMode mode = VehicleMode.UNKNOWN;

  TaskScheduler(List<PerceptionTask> tasks) {
    this.tasks = List.copyOf(tasks);
  }

  void mode(VehicleMode m) {
    mode = Objects.requireNonNull(m, "mode");
  }

  /**
   * Queues a request.
   *
   * @return empty when accepted, else the reason it was refused (unknown task, task not on request, a
   *     camera the task does not watch)
   */
  Optional<String> request(PerceptionRequest r) {
    PerceptionTask task = tasks.stream().filter(t -> t.name().equals(r.getTask())).findFirst().orElse(null);
    if (task == null) {
      return Optional.of("unknown task \"" + r.getTask() + "\"; known: "
          + tasks.stream().map(PerceptionTask::name).toList());
    }
    if (!task.schedule().onRequest()) {
      return Optional.of("task " + task.name() + " runs on its duty cycle and cannot be requested");
    }
    for (String cam : r.getCameraIdsList()) {
      if (!task.appliesTo(cam)) {
        return Optional.of("task " + task.name() + " does not run on camera \"" + cam + "\"; its cameras are "
            + task.cameras());
      }
    }
    Map<String, String> byCamera = pending.computeIfAbsent(task.name(), k -> new LinkedHashMap<>());
    if (r.getCameraIdsCount() == 0) {
      byCamera.put(PerceptionTask.ALL_CAMERAS, r.getRequestId());
    } else {
      r.getCameraIdsList().forEach(c -> byCamera.put(c, r.getRequestId()));
    }
    return Optional.empty();
  }

  /** Whether any run (scheduled or requested) is due on {@code camera} at {@code nowMs}; changes nothing. */
  boolean anyDue(String camera, long nowMs) {
    return hasRequest(camera) || tasks.stream().anyMatch(t -> scheduledDue(t, camera, nowMs));
  }

  /** Whether a requested run waits for {@code camera}'s next frame. */
  boolean hasRequest(String camera) {
    for (PerceptionTask t : tasks) {
      Map<String, String> byCamera = pending.get(t.name());
      if (byCamera != null && t.appliesTo(camera)
          && (byCamera.containsKey(camera) || byCamera.containsKey(PerceptionTask.ALL_CAMERAS))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The runs for a frame of {@code camera} at {@code nowMs}, marking them started: requested runs always,
   * scheduled ones only when {@code changed} (the change gate passed).
   */
  List<Run> take(String camera, long nowMs, boolean changed) {
    List<Run> runs = new ArrayList<>();
    for (PerceptionTask t : tasks) {
      if (!t.appliesTo(camera)) {
        continue;
      }
      String requestId = takeRequest(t, camera);
      if (requestId != null) {
        runs.add(new Run(t, requestId));
      } else if (changed && scheduledDue(t, camera, nowMs)) {
        lastRun.put(key(t, camera), nowMs);
        runs.add(new Run(t, ""));
      }
    }
    return runs;
  }

  private String takeRequest(PerceptionTask t, String camera) {
    Map<String, String> byCamera = pending.get(t.name());
    if (byCamera == null) {
      return null;
    }
    String id = byCamera.remove(camera);
    if (id == null) {
      // A request naming no camera is answered once, by the next frame of any camera of the task.
      id = byCamera.remove(PerceptionTask.ALL_CAMERAS);
    }
    if (byCamera.isEmpty()) {
      pending.remove(t.name());
    }
    return id;
  }

  private boolean scheduledDue(PerceptionTask t, String camera, long nowMs) {
    if (!t.appliesTo(camera)) {
      return false;
    }
    Optional<Duration> every = t.schedule().interval(mode);
    if (every.isEmpty()) {
      return false;
    }
    Long last = lastRun.get(key(t, camera));
    return last == null || nowMs - last >= every.get().toMillis();
  }

  private static String key(PerceptionTask t, String camera) {
    return t.name() + '\u0000' + camera;
  }
}
