package cockpit.bus.zenoh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.testing.Loopback;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void builderWritesJson5WithScoutingOffAndNestedKeys() {
    Config c = Config.builder().mode(Config.Mode.CLIENT).connect("tcp/127.0.0.1:7447")
        .insertJson5("transport/link/tx/lease", "5000").build();
    assertEquals("{\"mode\": \"client\", \"listen\": {\"endpoints\": []}, \"connect\": {\"endpoints\": "
        + "[\"tcp/127.0.0.1:7447\"]}, \"scouting\": {\"multicast\": {\"enabled\": false}, \"gossip\": "
        + "{\"enabled\": false}}, \"transport\": {\"link\": {\"tx\": {\"lease\": 5000}}}}", c.json5());
  }

  @Test
  void zenohAcceptsTheBuiltConfig() {
    try (Session s = Zenoh.open(Loopback.listening(Loopback.freePort()))) {
      assertTrue(s.zid().matches("[0-9a-f]{1,32}"), "a zid is 1 to 32 hex digits: " + s.zid());
    }
  }

  @Test
  void invalidConfigFailsWithZenohsReason() {
    ZError e = assertThrows(ZError.class, () -> Zenoh.open(Config.fromJson5("{mode: \"sideways\"}")));
    assertTrue(e.getMessage().startsWith("cannot open a Zenoh session: "), e.getMessage());
    assertTrue(e.getMessage().contains("sideways") || e.getMessage().toLowerCase().contains("mode"),
        e.getMessage());
  }

  @Test
  void clientWithoutRouterFailsToOpen() {
    int port = Loopback.freePort();
    ZError e = assertThrows(ZError.class, () -> Zenoh.open(Loopback.client(port)));
    assertTrue(e.getMessage().startsWith("cannot open a Zenoh session"), e.getMessage());
  }
}
