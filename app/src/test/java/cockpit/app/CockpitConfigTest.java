package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CockpitConfigTest {
  @Test
  void defaultsArePeerOnLoopbackWithScoutingOff() {
    CockpitConfig c = CockpitConfig.load(null, Map.of(), List.of());
    String json = c.zenohConfig().json5();
    assertTrue(json.contains("\"mode\": \"peer\""), json);
    assertTrue(json.contains("\"tcp/127.0.0.1:7447\""), json);
    assertTrue(json.contains("\"multicast\": {\"enabled\": false}"), json);
    assertEquals(8 * 1024 * 1024, c.bridgeOptions().maxPayloadBytes());
  }

  @Test
  void fileThenEnvironmentThenSetOverride(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cockpit.yaml");
    Files.writeString(f, """
        vin: FILEVIN
        zenoh:
          mode: client
          connect: [tcp/127.0.0.1:7000, tcp/127.0.0.1:7001]
        bus:
          max-payload-bytes: 1000
        """);
    CockpitConfig c = CockpitConfig.load(f, Map.of("COCKPIT_BUS_MAX_PAYLOAD_BYTES", "2000", "PATH", "/bin"),
        List.of("vin=SETVIN"));
    assertEquals("SETVIN", c.get("vin"));
    assertEquals("client", c.get("zenoh.mode"));
    assertEquals(List.of("tcp/127.0.0.1:7000", "tcp/127.0.0.1:7001"), c.list("zenoh.connect"));
    assertEquals(2000, c.bridgeOptions().maxPayloadBytes());
  }

  @Test
  void unknownKeysAreNamedWithTheirSource(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "zenoh:\n  moed: peer\n");
    var e = assertThrows(CockpitConfig.ConfigException.class, () -> CockpitConfig.load(f, Map.of(), List.of()));
    assertTrue(e.getMessage().contains("'zenoh.moed'") && e.getMessage().contains(f.toString()), e.getMessage());
    e = assertThrows(CockpitConfig.ConfigException.class,
        () -> CockpitConfig.load(null, Map.of("COCKPIT_NOPE", "1"), List.of()));
    assertTrue(e.getMessage().contains("COCKPIT_NOPE"), e.getMessage());
  }

  @Test
  void badValuesNameTheKeyAndTheFix() {
    assertMessage("zenoh.listen", List.of("zenoh.listen=127.0.0.1:7447"));
    assertMessage("zenoh.mode", List.of("zenoh.mode=sideways"));
    assertMessage("zenoh.connect", List.of("zenoh.mode=client"));
    assertMessage("bus.max-payload-bytes", List.of("bus.max-payload-bytes=-5"));
    assertMessage("zenoh.multicast-scouting", List.of("zenoh.multicast-scouting=maybe"));
    assertMessage("vin", List.of("vin=a/b"));
    assertMessage("key=value", List.of("novalue"));
    assertMessage("model.variant", List.of("model.variant=int3"));
    assertMessage("npu.qnn", List.of("npu.qnn.htp-performance-mode=turbo"));
  }

  private static void assertMessage(String fragment, List<String> sets) {
    var e = assertThrows(CockpitConfig.ConfigException.class, () -> CockpitConfig.load(null, Map.of(), sets));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void malformedYamlIsReported(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.yaml");
    Files.writeString(f, "zenoh: [unclosed\n");
    var e = assertThrows(CockpitConfig.ConfigException.class, () -> CockpitConfig.load(f, Map.of(), List.of()));
    assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
  }
}
