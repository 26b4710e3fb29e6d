package cockpit.sim.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.sim.scene.GroundTruth;
import cockpit.sim.scene.Lighting;
import cockpit.sim.scene.Occupant;
import cockpit.sim.scene.Rendered;
import cockpit.sim.scene.SeatObject;
import cockpit.sim.scene.SignFont;
import cockpit.sim.scene.SignScene;
import cockpit.sim.scene.Variation;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sampler reaches every value of every field, and the seed's variation really varies the pixels. */
class SamplerCoverageTest {
  private static final SceneSampler S = new SceneSampler();

  @Test
  void everyValueOfEveryFactIsDrawn() {
    Set<String> seen = new HashSet<>();
    Set<Integer> qualities = new HashSet<>();
    for (SceneKind kind : SceneKind.values()) {
      for (long seed = 0; seed < 300; seed++) {
        SampledScene s = S.sample(kind, seed);
        qualities.add(s.jpegQuality());
        s.facts().entities().forEach(e -> e.attributes().forEach((k, vs) -> vs.forEach(v -> seen.add(k + "=" + v))));
      }
    }
    for (Lighting l : Lighting.values()) {
      assertTrue(seen.contains("lighting=" + l.label()), l.toString());
    }
    for (Occupant o : Occupant.values()) {
      assertTrue(seen.contains("occupant=" + o.label()), o.toString());
    }
    for (SeatObject o : SeatObject.values()) {
      assertTrue(seen.contains("object=" + o.label()), o.toString());
    }
    for (String v : new String[] {"gaze=road", "gaze=left", "gaze=right", "gaze=down", "eyes=closed", "yawning=true",
        "belted=true", "belted=false", "kind=person", "kind=cyclist", "kind=vehicle", "facing=front", "facing=back",
        "facing=profile", "side=left", "side=right", "position=front", "position=rear", "distance=near",
        "distance=mid", "distance=far", "place=street", "place=car_park", "approaching=true", "approaching=false"}) {
      assertTrue(seen.contains(v), v);
    }
    for (SignScene.Kind k : SignScene.Kind.values()) {
      assertTrue(seen.contains("sign=" + k.label()), k.toString());
    }
    for (SignFont f : SignFont.values()) {
      assertTrue(seen.contains("font=" + f.label()), f.toString());
    }
    for (SignScene.Direction d : SignScene.Direction.values()) {
      assertTrue(seen.contains("direction=" + d.label()), d.toString());
    }
    assertTrue(qualities.contains(SceneSampler.MIN_JPEG_QUALITY) && qualities.contains(SceneSampler.MAX_JPEG_QUALITY)
        && qualities.size() > 30, qualities.toString());
  }

  @Test
  void theSeedVariesPoseLightColourAndNoiseWhileTheFactsStay() {
    SampledScene base = S.sample(SceneKind.CABIN, 5);
    Set<Integer> palettes = new HashSet<>();
    double minLuma = 255;
    double maxLuma = 0;
    boolean left = false;
    boolean right = false;
    BufferedImage first = null;
    for (long seed = 0; seed < 40; seed++) {
      SampledScene s = new SampledScene(base.kind(), base.seed(), 0, base.scene(), seed, 80);
      Rendered r = s.render(160, 120);
      Variation v = r.truth().variation();
      palettes.add(v.palette());
      left |= v.rotationDeg() < -1;
      right |= v.rotationDeg() > 1;
      double luma = meanLuma(r.image());
      minLuma = Math.min(minLuma, luma);
      maxLuma = Math.max(maxLuma, luma);
      if (first == null) {
        first = r.image();
      } else {
        assertFalse(Arrays.equals(pixels(first), pixels(r.image())), "seed " + seed + " differs from seed 0");
      }
      GroundTruth t = r.truth();
      assertEquals(base.render(160, 120).truth().labels().stream().map(l -> l.kind() + l.label() + l.attributes())
          .toList(), t.labels().stream().map(l -> l.kind() + l.label() + l.attributes()).toList());
    }
    assertTrue(palettes.size() >= 6, "palettes " + palettes);
    assertTrue(left && right, "rotation both ways");
    assertTrue(maxLuma - minLuma > 15, "brightness varies: " + minLuma + ".." + maxLuma);
  }

  private static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  private static double meanLuma(BufferedImage img) {
    double sum = 0;
    for (int p : pixels(img)) {
      sum += 0.299 * (p >> 16 & 0xFF) + 0.587 * (p >> 8 & 0xFF) + 0.114 * (p & 0xFF);
    }
    return sum / (img.getWidth() * img.getHeight());
  }
}
