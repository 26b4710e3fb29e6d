package cockpit.app.http;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import com.google.protobuf.MessageOrBuilder;
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
 * <p>Memory is bounded by bytes, not only by count, since every field comes from the bus: each event
 * is printed by {@link DashboardJson} (long strings cut, invalid timestamps as text) and one larger
 * than {@link #MAX_EVENT_CHARS} is replaced by a short {@code omitted} event; the replayed history
 * (recent transcript, latest detections per camera, active alerts) is held within
 * {@link #MAX_RETAINED_BYTES} (oldest transcript events go first; detections keep
 * {@link #MAX_CAMERAS} cameras, alerts {@link #MAX_ALERTS}); the latest frames within
 * {@link #MAX_FRAME_BYTES} (a frame that would pass it is not shown, counted).
 *
 * <p>Threading: everything but {@link #offerFrame} runs on the HTTP verticle's context; {@link
 * #offerFrame} is called from any thread. Frames a slow page cannot take are skipped for that page.
 */
final class DashboardFeed {
  static final long FRAME_PERIOD_MS = 200;
  /** Cameras shown at most; frames of further camera ids are not shown (camera ids come from the bus). */
  static final int MAX_CAMERAS = 32;
  static final int MAX_ALERTS = 32;
  /** Characters of one event's JSON at most; a larger one is replaced by an {@code omitted} event. */
  static final int MAX_EVENT_CHARS = 32 * 1024;
  /** Bytes (2 per char) of the history replayed to a new page, at most. */
  static final long MAX_RETAINED_BYTES = 8L << 20;
  /** Serialized bytes of the latest frames held for rendering, at most. */
  static final long MAX_FRAME_BYTES = 64L << 20;
  private static final int RECENT = 300;

  private final Context context;
  private final FramePreview preview = new FramePreview();
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
  private final ArrayDeque<String> recent = new ArrayDeque<>();
  private final Map<String, String> detections = new LinkedHashMap<>();
  private final Map<String, String> activeAlerts = new LinkedHashMap<>();
  private final Map<String, CameraFrame> latestFrame = new ConcurrentHashMap<>();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private long recentChars;
  private long frameBytes;
  private long framesNotShown;
  private long eventsOmitted;
  private boolean rendering;

  DashboardFeed(Context context) {
    this.context = context;
  }

  /** Any thread: remembers the newest frame of its camera (the interceptor on the camera address). */
  synchronized void offerFrame(CameraFrame frame) {
    CameraFrame old = latestFrame.get(frame.getCameraId());
    long total = frameBytes - (old == null ? 0 : old.getSerializedSize()) + frame.getSerializedSize();
    if ((old == null && latestFrame.size() >= MAX_CAMERAS) || total > MAX_FRAME_BYTES) {
      framesNotShown++;
      return;
    }
    latestFrame.put(frame.getCameraId(), frame);
    frameBytes = total;
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
    String e = event("detections", set);
    if (e.startsWith("event: detections")) {
      putBounded(detections, set.getFrame().getCameraId(), e, MAX_CAMERAS);
      remember(e);
    }
    broadcast(e, false);
  }

  void onAlert(Alert a) {
    String e = event("alert", a);
    if (a.getState() == AlertState.ALERT_STATE_CLEARED) {
      activeAlerts.remove(a.getAlertId());
    } else if (e.startsWith("event: alert")) {
      putBounded(activeAlerts, a.getAlertId(), e, MAX_ALERTS);
    }
    broadcast(e, false);
  }

  /** Utterances and reply chunks: the transcript. */
  void onTranscript(String type, MessageOrBuilder m) {
    String e = event(type, m);
    if (e.startsWith("event: " + type)) {
      remember(e);
    }
    broadcast(e, false);
  }

  /** Bytes (2 per char) of the history a new page is sent: transcript, detections, alerts. */
  long retainedBytes() {
    long chars = recentChars;
    for (String e : detections.values()) {
      chars += e.length();
    }
    for (String e : activeAlerts.values()) {
      chars += e.length();
    }
    return 2 * chars;
  }

  /** Serialized bytes of the frames held for rendering. */
  synchronized long frameBytes() {
    return frameBytes;
  }

  /** Frames not shown because of the camera or byte bound. */
  synchronized long framesNotShown() {
    return framesNotShown;
  }

  /** Events too large to send, replaced by an {@code omitted} event. */
  long eventsOmitted() {
    return eventsOmitted;
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
    recentChars += e.length();
    while (recent.size() > RECENT || (retainedBytes() > MAX_RETAINED_BYTES && !recent.isEmpty())) {
      recentChars -= recent.removeFirst().length();
    }
  }

  /** Insertion order is age: the oldest entry makes room. */
  private static void putBounded(Map<String, String> map, String key, String e, int max) {
    map.remove(key);
    if (map.size() >= max) {
      map.remove(map.keySet().iterator().next());
    }
    map.put(key, e);
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

  /**
   * The message's event, or an {@code omitted} event when its JSON is larger than {@link #MAX_EVENT_CHARS}
   * (giving its {@code chars}, or its {@code bytes} when that was clear before printing).
   */
  private String event(String type, MessageOrBuilder m) {
    DashboardJson.Printed p = DashboardJson.print(m, MAX_EVENT_CHARS);
    if (p.fits()) {
      return event(type, p.json());
    }
    eventsOmitted++;
    return event("omitted", new JsonObject().put("type", type).put(p.unit(), p.size())
        .put("limit", MAX_EVENT_CHARS).encode());
  }
}
