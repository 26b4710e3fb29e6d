package cockpit.app.http;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.VoiceUtterance;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP server: {@code GET /health/live} (200 while the process serves), {@code GET /health/ready}
 * (200 when every readiness check of the {@link ComponentProbe} passes, else 503; both JSON),
 * {@code GET /metrics} (Prometheus text: Vert.x's own meters and {@link ComponentMetrics}),
 * {@code GET /} the dashboard page and {@code GET /events} its server-sent events ({@link DashboardFeed}).
 * Every route first checks the request's {@code Host} ({@link HttpOptions}): others get 421.
 *
 * <p>Lifetime: {@code start} binds (failing with the bind error, e.g. a port in use) and subscribes to
 * the event bus; {@code stop} ends the event streams and closes the server. Threading: handlers run on
 * this verticle's context; status and scrapes run on worker threads.
 */
public final class HttpVerticle extends VerticleBase {
  private static final String RESOURCES = "/cockpit/app/http/dashboard/";

  private final HttpOptions options;
  private final ComponentProbe probe;
  private final PrometheusMeterRegistry registry;
  private final DashboardAddresses addresses;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final ComponentMetrics metrics;
  private DashboardFeed feed;
  private Handler<DeliveryContext<Object>> tap;
  private HttpServer server;
  private long frameTimer = -1;

  public HttpVerticle(HttpOptions options, ComponentProbe probe, PrometheusMeterRegistry registry,
      DashboardAddresses addresses, String cameraTopic) {
    this.options = options;
    this.probe = probe;
    this.registry = registry;
    this.addresses = addresses;
    this.metrics = new ComponentMetrics(registry, cameraTopic);
  }

  /** The component's meters, for what only the component knows (build info once the model is loaded). */
  public ComponentMetrics metrics() {
    return metrics;
  }

  /** The bound port (the chosen one when configured as 0); valid after start. */
  public int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    feed = new DashboardFeed(context);
    consume(addresses.replies(), (Reply r) -> {
      metrics.onReply(r);
      feed.onTranscript("reply", r);
    });
    consume(addresses.voice(), (VoiceUtterance u) -> feed.onTranscript("utterance", u));
    consume(addresses.detections(), (DetectionSet d) -> {
      metrics.onDetections(d);
      feed.onDetections(d);
    });
    consume(addresses.alerts(), (Alert a) -> {
      metrics.onAlert(a);
      feed.onAlert(a);
    });
    consume(addresses.errors(), metrics::onError);
    tap = dc -> {
      if (dc.message().address().equals(addresses.camera()) && dc.body() instanceof CameraFrame f) {
        feed.offerFrame(f);
      }
      dc.next();
    };
    vertx.eventBus().addOutboundInterceptor(tap);
    frameTimer = vertx.setPeriodic(DashboardFeed.FRAME_PERIOD_MS, id -> feed.pushFrames());
    server = vertx.createHttpServer();
    return server.requestHandler(router()).listen(options.port(), options.host());
  }

  private <T> void consume(String address, Handler<T> handler) {
    consumers.add(vertx.eventBus().<T>consumer(address, m -> {
      if (m.body() != null) {
        handler.handle(m.body());
      }
    }));
  }

  private Router router() {
    Router r = Router.router(vertx);
    java.util.Set<String> hosts = options.acceptedHosts();
    if (!hosts.isEmpty()) {
      r.route().handler(ctx -> checkHost(ctx, hosts));
    }
    r.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    r.get("/health/ready").handler(this::ready);
    r.get("/metrics").handler(this::scrape);
    r.get("/events").handler(ctx -> {
      ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
          .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
      feed.connect(ctx.response());
    });
    Buffer page = resource("index.html");
    Buffer script = resource("dashboard.js");
    r.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page));
    r.get("/dashboard.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8").end(script));
    return r;
  }

  /** DNS-rebinding guard: only the Host names this server is meant to be reached by. */
  private void checkHost(RoutingContext ctx, java.util.Set<String> hosts) {
    var authority = ctx.request().authority();
    String host = authority == null ? "" : HttpOptions.normalize(authority.host());
    if (hosts.contains(host)) {
      ctx.next();
      return;
    }
    metrics.onRefusedHost();
    ctx.response().setStatusCode(421).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("421 Misdirected Request: Host '" + (authority == null ? "" : authority.host()) + "' is not one this"
            + " server answers (" + String.join(", ", hosts) + "); add it to http.allowed-hosts if it is yours\n");
  }

  private void ready(RoutingContext ctx) {
    vertx.executeBlocking(probe::readiness, false).onComplete(ar -> {
      if (ar.failed()) {
        json(ctx, 503, new JsonObject().put("status", "DOWN").put("error", String.valueOf(ar.cause().getMessage())));
        return;
      }
      JsonArray checks = new JsonArray();
      boolean ok = true;
      for (ComponentProbe.Check c : ar.result()) {
        ok &= c.ok();
        checks.add(new JsonObject().put("name", c.name()).put("status", c.ok() ? "UP" : "DOWN")
            .put("detail", c.detail()));
      }
      json(ctx, ok ? 200 : 503, new JsonObject().put("status", ok ? "UP" : "DOWN").put("checks", checks));
    });
  }

  private void scrape(RoutingContext ctx) {
    vertx.executeBlocking(() -> {
      metrics.refresh(probe.status());
      return registry.scrape();
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        ctx.response().setStatusCode(500).end("metrics unavailable: " + ar.cause().getMessage());
      } else {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(ar.result());
      }
    });
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  private static Buffer resource(String name) {
    try (InputStream in = HttpVerticle.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard resource " + RESOURCES + name + " is missing from the jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(frameTimer);
    if (tap != null) {
      vertx.eventBus().removeOutboundInterceptor(tap);
    }
    if (feed != null) {
      feed.close();
    }
    metrics.close();
    List<Future<?>> done = new ArrayList<>();
    consumers.forEach(c -> done.add(c.unregister()));
    if (server != null) {
      done.add(server.close());
    }
    return Future.join(done);
  }
}
