package cockpit.sim.sample;

import static cockpit.sim.sample.Pick.chance;
import static cockpit.sim.sample.Pick.one;
import static cockpit.sim.sample.Pick.w;

import cockpit.sim.scene.ExteriorScene;
import cockpit.sim.scene.Lighting;
import cockpit.sim.scene.RoadUserScene;
import cockpit.sim.scene.SignFont;
import cockpit.sim.scene.SignScene;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The street and car-park distributions (sim/README.md lists them). Stateless. */
final class ExteriorDraws {
  private ExteriorDraws() {}

  static ExteriorScene draw(SplittableRandom r, ExteriorScene.Place place) {
    boolean park = place == ExteriorScene.Place.CAR_PARK;
    Lighting lighting = one(r, w(0.6, 0.3, 0.1), Lighting.DAY, Lighting.NIGHT, Lighting.IR);
    int users = park ? one(r, w(0.25, 0.5, 0.25), 0, 1, 2) : one(r, w(0.15, 0.5, 0.25, 0.1), 0, 1, 2, 3);
    List<String> corners = new ArrayList<>(List.of("left/front", "left/rear", "right/front", "right/rear"));
    List<RoadUserScene> roadUsers = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      String[] corner = corners.remove(r.nextInt(corners.size())).split("/");
      ExteriorScene.RoadUser kind = park
          ? one(r, w(0.55, 0.1, 0.35), ExteriorScene.RoadUser.PERSON, ExteriorScene.RoadUser.CYCLIST,
              ExteriorScene.RoadUser.VEHICLE)
          : one(r, w(0.45, 0.3, 0.25), ExteriorScene.RoadUser.PERSON, ExteriorScene.RoadUser.CYCLIST,
              ExteriorScene.RoadUser.VEHICLE);
      double distance = Math.round(Math.exp(Math.log(1.5) + r.nextDouble() * Math.log(40 / 1.5)) * 10) / 10.0;
      boolean approaching = chance(r, 0.5);
      RoadUserScene.Facing facing = approaching ? RoadUserScene.Facing.FRONT
          : chance(r, 0.5) ? RoadUserScene.Facing.BACK : RoadUserScene.Facing.PROFILE;
      roadUsers.add(new RoadUserScene(kind, ExteriorScene.Side.parse(corner[0]), ExteriorScene.End.parse(corner[1]),
          distance, approaching, facing));
    }
    List<SignScene> signs = new ArrayList<>();
    if (park) {
      List<SignScene.Direction> free = new ArrayList<>(List.of(SignScene.Direction.values()));
      int n = one(r, w(0.25, 0.35, 0.25, 0.15), 1, 2, 3, 4);
      for (int i = 0; i < n; i++) {
        signs.add(sign(r, free.remove(r.nextInt(free.size()))));
      }
    }
    return new ExteriorScene(place, roadUsers, signs, lighting);
  }

  /** Level signs P3 / LEVEL 3 / L3 / DECK 3, bay numbers B12 / 112, pillar labels C4 / C12; any font. */
  private static SignScene sign(SplittableRandom r, SignScene.Direction direction) {
    SignScene.Kind kind = one(r, w(0.4, 0.35, 0.25), SignScene.Kind.LEVEL, SignScene.Kind.BAY, SignScene.Kind.PILLAR);
    char letter = (char) ('A' + r.nextInt(11));
    String text = switch (kind) {
      case LEVEL -> {
        int level = r.nextInt(10);
        String name = one(r, w(0.4, 0.3, 0.15, 0.15), "P" + level, "LEVEL " + level, "L" + level, "DECK " + level);
        yield direction.beside() && name.startsWith("LEVEL") ? "P" + level : name; // LEVEL does not fit beside the car

      }
      case BAY -> chance(r, 0.8) ? letter + Integer.toString(1 + r.nextInt(99)) : Integer.toString(100 + r.nextInt(900));
      case PILLAR -> letter + Integer.toString(1 + r.nextInt(chance(r, 0.7) ? 9 : 30));
    };
    SignFont[] fonts = SignFont.values();
    return new SignScene(kind, text, direction, fonts[r.nextInt(fonts.length)]);
  }
}
