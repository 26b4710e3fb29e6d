package cockpit.sim.scene;

import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.SeatPosition;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Draws one {@link CabinScene} onto a graphics context and collects its labels. One use per image. */
final class CabinPainter {
  private final Graphics2D g;
  private final int w;
  private final int h;
  private final Random rnd;

  CabinPainter(Graphics2D g, int w, int h, Random rnd) {
    this.g = g;
    this.w = w;
    this.h = h;
    this.rnd = rnd;
  }

  void paint(CabinScene scene, List<Label> labels) {
    int light = rnd.nextInt(50);
    g.setColor(new Color(40 + light, 42 + light, 48 + light));
    g.fillRect(0, 0, w, h);
    for (SeatScene s : scene.seats()) {
      paintSeat(scene, s, labels);
    }
  }

  /** Seat rectangle in pixels: rows stacked with row 1 at the bottom, three columns, driver side left. */
  private int[] seatRect(CabinScene scene, SeatScene s) {
    int band = h / scene.rows();
    int top = h - band * s.row();
    int col = switch (s.position()) {
      case SEAT_POSITION_DRIVER_SIDE -> 0;
      case SEAT_POSITION_MIDDLE -> 1;
      default -> 2;
    };
    int cw = w / 3;
    int jx = rnd.nextInt(Math.max(1, cw / 20) + 1);
    int jy = rnd.nextInt(Math.max(1, band / 20) + 1);
    return new int[] {col * cw + cw / 10 + jx, top + band / 12 + jy, cw * 4 / 5, band * 5 / 6};
  }

  private void paintSeat(CabinScene scene, SeatScene s, List<Label> labels) {
    int[] r = seatRect(scene, s);
    int x = r[0], y = r[1], sw = r[2], sh = r[3];
    int tone = 60 + rnd.nextInt(40);
    g.setColor(new Color(tone, tone, tone + 10));
    g.fillRoundRect(x, y, sw, sh, sw / 6, sh / 6);
    g.setColor(new Color(tone + 25, tone + 25, tone + 30));
    g.fillRect(x + sw / 10, y + sh / 2, sw * 4 / 5, sh * 2 / 5);
    Seat seat = Seat.newBuilder().setRow(s.row()).setPosition(s.position()).build();
    String stem = "Vehicle.Cabin.Seat.Row" + s.row() + "." + vssPosition(s.position());
    int[] box = switch (s.occupant()) {
      case EMPTY -> null;
      case ADULT -> person(x, y, sw, sh, 1.0, s.row() == 1 && s.position() == SeatPosition.SEAT_POSITION_DRIVER_SIDE
          ? scene.driver() : DriverState.ATTENTIVE);
      case CHILD -> person(x, y, sw, sh, 0.65, DriverState.ATTENTIVE);
      case INFANT_SEAT -> infantSeat(x, y, sw, sh);
      case PET -> pet(x, y, sw, sh);
    };
    if (s.belted()) {
      g.setColor(new Color(20, 20, 20));
      g.setStroke(new BasicStroke(Math.max(2, sw / 20f)));
      g.drawLine(x + sw / 5, y + sh / 4, x + sw * 4 / 5, y + sh * 3 / 4);
      g.setStroke(new BasicStroke(1));
    }
    if (box != null) {
      Map<String, String> attrs = new LinkedHashMap<>();
      attrs.put("occupant", s.occupant().label());
      if (s.occupant().wearsBelt()) {
        attrs.put("belted", Boolean.toString(s.belted()));
      }
      if (s.occupant() == Occupant.INFANT_SEAT) {
        attrs.put("occupied", "true");
      }
      labels.add(new Label(s.occupant().kind(), seat, "", Label.Box.pixels(box[0], box[1], box[2], box[3], w, h),
          s.occupant().label(), attrs, s.occupant().wearsBelt() ? stem + ".IsBelted" : "",
          s.occupant().wearsBelt() ? s.belted() : null));
    }
    int slot = 0;
    for (SeatObject o : s.objects()) {
      int[] ob = object(o, x + sw * (slot % 2 == 0 ? 1 : 6) / 10, y + sh * 13 / 20, sw, sh);
      labels.add(new Label(DetectionKind.DETECTION_KIND_OBJECT, seat, "",
          Label.Box.pixels(ob[0], ob[1], ob[2], ob[3], w, h), o.label(), Map.of(), "", null));
      slot++;
    }
    if (s.row() == 1 && s.position() == SeatPosition.SEAT_POSITION_DRIVER_SIDE && s.occupant() == Occupant.ADULT) {
      DriverState d = scene.driver();
      labels.add(new Label(DetectionKind.DETECTION_KIND_DRIVER_STATE, seat, "",
          Label.Box.pixels(box[0], box[1], box[2], box[3], w, h), "driver",
          Map.of("eyes_on_road", Boolean.toString(d.eyesOnRoad()), "drowsy", Boolean.toString(d.drowsy()),
              "head", d.head().name().toLowerCase(java.util.Locale.ROOT)),
          "Vehicle.Driver.IsEyesOnRoad", d.eyesOnRoad()));
    }
  }

  /** Head and torso scaled by {@code size}; returns the box {x0, y0, x1, y1}. */
  private int[] person(int x, int y, int sw, int sh, double size, DriverState state) {
    int cx = x + sw / 2;
    int head = (int) (Math.min(sw, sh) * 0.32 * size);
    int hx = cx - head / 2 + switch (state.head()) {
      case LEFT -> -head / 3;
      case RIGHT -> head / 3;
      default -> 0;
    };
    int hy = y + sh / 10 + (state.head() == DriverState.Head.DOWN ? head / 3 : 0);
    g.setColor(new Color(100 + rnd.nextInt(150), rnd.nextInt(150), rnd.nextInt(200)));
    int tw = (int) (sw * 0.7 * size);
    int ty = hy + head - head / 8;
    int th = (int) (sh * 0.6 * size);
    g.fillRoundRect(cx - tw / 2, ty, tw, th, tw / 3, tw / 3);
    g.setColor(new Color(190 + rnd.nextInt(50), 140 + rnd.nextInt(50), 100 + rnd.nextInt(50)));
    g.fillOval(hx, hy, head, head);
    if (state.head() != DriverState.Head.DOWN) {
      eyes(hx, hy, head, state);
    }
    return new int[] {Math.min(hx, cx - tw / 2), hy, Math.max(hx + head, cx + tw / 2), ty + th};
  }

  private void eyes(int hx, int hy, int head, DriverState state) {
    int ey = hy + head * 2 / 5;
    int ew = Math.max(2, head / 5);
    int shift = state.head() == DriverState.Head.LEFT ? -head / 6 : state.head() == DriverState.Head.RIGHT ? head / 6 : 0;
    for (int ex : new int[] {hx + head / 4 + shift, hx + head * 3 / 4 - ew + shift}) {
      if (state.eyes() == DriverState.Eyes.OPEN) {
        g.setColor(Color.WHITE);
        g.fillOval(ex, ey, ew, Math.max(2, ew * 2 / 3));
        g.setColor(Color.BLACK);
        g.fillOval(ex + ew / 3, ey + ew / 6, Math.max(1, ew / 3), Math.max(1, ew / 3));
      } else {
        g.setColor(new Color(60, 30, 20));
        g.fillRect(ex, ey + ew / 3, ew, Math.max(1, ew / 6));
      }
    }
  }

  private int[] infantSeat(int x, int y, int sw, int sh) {
    int x0 = x + sw / 6, y0 = y + sh / 4, bw = sw * 2 / 3, bh = sh * 2 / 3;
    g.setColor(new Color(20 + rnd.nextInt(40), 60 + rnd.nextInt(80), 120 + rnd.nextInt(100)));
    g.fillRoundRect(x0, y0, bw, bh, bw / 2, bh / 2);
    g.setColor(new Color(230, 190, 160));
    int head = Math.max(3, bw / 3);
    g.fillOval(x0 + bw / 2 - head / 2, y0 + bh / 8, head, head);
    return new int[] {x0, y0, x0 + bw, y0 + bh};
  }

  private int[] pet(int x, int y, int sw, int sh) {
    int x0 = x + sw / 8, y0 = y + sh / 2, bw = sw * 3 / 4, bh = sh / 3;
    g.setColor(new Color(120 + rnd.nextInt(80), 80 + rnd.nextInt(60), 30 + rnd.nextInt(40)));
    g.fillOval(x0, y0, bw, bh);
    int head = bh * 3 / 4;
    g.fillOval(x0 + bw - head / 2, y0 - head / 2, head, head);
    g.fillPolygon(new int[] {x0 + bw - head / 3, x0 + bw - head / 6, x0 + bw}, new int[] {y0 - head / 3,
        y0 - head, y0 - head / 3}, 3);
    return new int[] {x0, y0 - head, x0 + bw + head / 2, y0 + bh};
  }

  private int[] object(SeatObject o, int x, int y, int sw, int sh) {
    int ow = o == SeatObject.BAG ? sw * 3 / 10 : sw / 8;
    int oh = o == SeatObject.BAG ? sh / 4 : sh / 6;
    g.setColor(o == SeatObject.BAG ? new Color(110 + rnd.nextInt(40), 70, 30) : new Color(15, 15, 20));
    g.fillRect(x, y, ow, oh);
    if (o == SeatObject.BAG) {
      g.drawArc(x + ow / 4, y - oh / 3, ow / 2, oh * 2 / 3, 0, 180);
    } else {
      g.setColor(new Color(60, 90, 160));
      g.fillRect(x + 1, y + 1, Math.max(1, ow - 2), Math.max(1, oh - 3));
    }
    return new int[] {x, y - (o == SeatObject.BAG ? oh / 3 : 0), x + ow, y + oh};
  }

  static String vssPosition(SeatPosition p) {
    return switch (p) {
      case SEAT_POSITION_DRIVER_SIDE -> "DriverSide";
      case SEAT_POSITION_MIDDLE -> "Middle";
      default -> "PassengerSide";
    };
  }
}
