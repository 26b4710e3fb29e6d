package cockpit.app.http;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's server-sent event stream. Events: {@code frame} (a {@link FramePreview} of the
 * latest frame per camera, at most one per camera per {@link #FRAME_PERIOD_MS}, rendered only while a
 * page is connected), {@code detections}, {@code alert}, {@code utterance} and {@code reply} (the
 * protobuf messages in their canonical JSON form). A page that connects late first gets the latest
 * frame and detections per camera, the active alerts and the recent transcript and latency events.
 *
 * <p>Threading: everything but {@link #offerFrame} runs on the HTTP verticle's context; {@link
 * #offerFrame} is called from any thread. Frames a slow page cannot take are skipped for that page.
 */
final class DashboardFeed {
  static final long FRAME_PERIOD_MS = 200;
  /** Cameras shown at most; frames of further camera ids are not shown (camera ids come from the bus). */
  static final int MAX_CAMERAS = 32;
  private static final int RECENT = 300;
  private static final JsonFormat.Printer JSON =
      JsonFormat.printer().omittingInsignificantWhitespace().alwaysPrintFieldsWithNoPresence();

  private final Context context;
  private final FramePreview preview = new FramePreview();
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
  private final ArrayDeque<String> recent = new ArrayDeque<>();
  private final Map<String, String> detections = new LinkedHashMap<>();
  private final Map<String, String> activeAlerts = new LinkedHashMap<>();
  private final Map<String, CameraFrame> latestFrame = new ConcurrentHashMap<>();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private boolean rendering;

  DashboardFeed(Context context) {
    this.context = context;
  }

  /** Any thread: remembers the newest frame of its camera (the interceptor on the camera address). */
  void offerFrame(CameraFrame frame) {
    if (latestFrame.size() >= MAX_CAMERAS && !latestFrame.containsKey(frame.getCameraId())) {
      return;
    }
    latestFrame.put(frame.getCameraId(), frame);
    dirty.add(frame.getCameraId());
  }

  /** A new page: replays the current picture, then streams. */
  void connect(HttpServerResponse r) {
    clients.add(r);
    r.closeHandler(v -> clients.remove(r));
    r.exceptionHandler(e -> clients.remove(r));
    StringBuilder hello = new StringBuilder(event("hello", new JsonObject().put("cameras", latestFrame.size())
        .encode()));
    detections.values().forEach(hello::append);
    activeAlerts.values().forEach(hello::append);
    recent.forEach(hello::append);
    r.write(hello.toString());
    dirty.addAll(latestFrame.keySet()); // its frames come with the next render
  }

  void onDetections(DetectionSet set) {
    String e = event("detections", json(set));
    detections.put(set.getFrame().getCameraId(), e);
    remember(e);
    broadcast(e, false);
  }

  void onAlert(Alert a) {
    String e = event("alert", json(a));
    if (a.getState() == AlertState.ALERT_STATE_CLEARED) {
      activeAlerts.remove(a.getAlertId());
    } else {
      activeAlerts.put(a.getAlertId(), e);
    }
    broadcast(e, false);
  }

  /** Utterances and reply chunks: the transcript. */
  void onTranscript(String type, MessageOrBuilder m) {
    String e = event(type, json(m));
    remember(e);
    broadcast(e, false);
  }

  /** Periodic, on the context: renders changed cameras off the event loop, then pushes them. */
  void pushFrames() {
    if (rendering || clients.isEmpty() || dirty.isEmpty()) {
      return;
    }
    List<CameraFrame> todo = new ArrayList<>();
    for (String cam : List.copyOf(dirty)) {
      dirty.remove(cam);
      todo.add(latestFrame.get(cam));
    }
    rendering = true;
    context.owner().executeBlocking(() -> {
      List<String> out = new ArrayList<>();
      for (CameraFrame f : todo) {
        try {
          out.add(event("frame", preview.render(f).encode()));
        } catch (Exception e) {
          out.add(event("frame-error", new JsonObject().put("camera", f.getCameraId())
              .put("message", String.valueOf(e.getMessage())).encode()));
        }
      }
      return out;
    }, false).onComplete(ar -> {
      rendering = false;
      if (ar.succeeded()) {
        ar.result().forEach(e -> broadcast(e, true));
      }
    });
  }

  void close() {
    clients.forEach(r -> r.end().onFailure(e -> { }));
    clients.clear();
  }

  private void remember(String e) {
    recent.addLast(e);
    if (recent.size() > RECENT) {
      recent.removeFirst();
    }
  }

  private void broadcast(String e, boolean droppable) {
    for (HttpServerResponse r : List.copyOf(clients)) {
      if (droppable && r.writeQueueFull()) {
        continue;
      }
      r.write(e).onFailure(x -> clients.remove(r));
    }
  }

  private static String event(String type, String data) {
    return "event: " + type + "\ndata: " + data + "\n\n";
  }

  private static String json(MessageOrBuilder m) {
    try {
      return JSON.print(m);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + m.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
