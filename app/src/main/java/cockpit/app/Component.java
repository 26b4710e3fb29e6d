package cockpit.app;

import cockpit.bus.bridge.BusBridgeVerticle;
import cockpit.proto.v1.ComponentStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The running component: one Vert.x instance with the bus bridge deployed (perception and dialogue
 * verticles join it as they land). Started and stopped from the launcher's main thread.
 */
final class Component implements AutoCloseable {
  private final Vertx vertx;
  private final BusBridgeVerticle bridge;

  private Component(Vertx vertx, BusBridgeVerticle bridge) {
    this.vertx = vertx;
    this.bridge = bridge;
  }

  /** Starts Vert.x and deploys the bridge; blocks until it is ready or failed. */
  static Component start(CockpitConfig config) throws Exception {
    Vertx vertx = Vertx.vertx();
    BusBridgeVerticle bridge = new BusBridgeVerticle(config.bridgeOptions());
    try {
      await(vertx.deployVerticle(bridge), Duration.ofSeconds(60));
    } catch (Exception e) {
      await(vertx.close(), Duration.ofSeconds(10));
      throw e;
    }
    return new Component(vertx, bridge);
  }

  ComponentStatus status() {
    return bridge.status();
  }

  /** Undeploys everything (the bridge undeclares from Zenoh and closes its session), then Vert.x. */
  void stop(Duration deadline) throws Exception {
    await(vertx.close(), deadline);
  }

  @Override
  public void close() throws Exception {
    stop(Duration.ofSeconds(15));
  }

  static <T> T await(Future<T> f, Duration timeout) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
