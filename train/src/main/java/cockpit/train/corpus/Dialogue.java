package cockpit.train.corpus;

import java.util.SplittableRandom;

/** Templated cockpit dialogue lines for the seed corpus. Stateless. */
final class Dialogue {
  private static final String[] NAMES = {"Anna", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Ines",
      "Jonas", "Kemal", "Lena", "Mateo", "Nora", "Owen", "Priya", "Søren", "Zoë"};
  private static final String[] PLACES = {"City Centre Garage", "Airport Parking P2", "Mall North Deck",
      "Station Car Park", "Hospital Visitor Parking", "Harbour Street", "Main Street 12", "Marktplatz Süd"};
  private static final String[] SEATS = {"driver seat", "front passenger seat", "rear left seat", "rear middle seat",
      "rear right seat"};
  private static final String[] ALERTS = {"a child is still on the rear seat", "the driver's eyes are off the road",
      "a cyclist is approaching on the left", "the rear passenger is not belted", "a pet was left in the car",
      "a person is walking towards the car"};
  private static final String[] FACTS = {"the dog needs a walk at six", "the dentist appointment is on Friday",
      "we parked next to the blue pillar", "my sister lands at 14:30", "the charger is in the glovebox",
      "the kids have football on Tuesdays"};
  private static final String[] REFUSALS = {"I can't open the sunroof while we're driving on the motorway, sorry.",
      "I'm not able to order food from here, but I can find a restaurant on the route.",
      "Sorry, I can't unlock the doors for someone outside the car.",
      "I can't change the speed limit, but I can tell you the current one."};

  private Dialogue() {}

  static String line(SplittableRandom r) {
    String name = SeedCorpus.pick(NAMES, r);
    return switch (r.nextInt(8)) {
      case 0 -> "Welcome back, " + name + "! The car is unlocked and the seat is set for you.";
      case 1 -> "You parked on level " + (1 + r.nextInt(6)) + ", bay " + sign(r) + ", at " + place(r) + ".";
      case 2 -> "Where did I park the car? — On level " + (1 + r.nextInt(6)) + " near sign " + sign(r) + ".";
      case 3 -> "Alert: " + SeedCorpus.pick(ALERTS, r) + ". Please check the " + SeedCorpus.pick(SEATS, r) + ".";
      case 4 -> "Earlier you told me that " + SeedCorpus.pick(FACTS, r) + ". Shall I set a reminder?";
      case 5 -> SeedCorpus.pick(REFUSALS, r);
      case 6 -> "Is anyone on the " + SeedCorpus.pick(SEATS, r) + "? — Yes, " + (r.nextBoolean() ? "an adult" : "a child")
          + (r.nextBoolean() ? ", belted." : ", not belted.");
      default -> "It's " + (5 + r.nextInt(25)) + "°C outside; the next charger is " + (1 + r.nextInt(40))
          + " km away. Drive safely, " + name + ".";
    };
  }

  static String sign(SplittableRandom r) {
    return switch (r.nextInt(3)) {
      case 0 -> "P" + (1 + r.nextInt(9));
      case 1 -> "Level " + (1 + r.nextInt(6));
      default -> (char) ('A' + r.nextInt(8)) + Integer.toString(1 + r.nextInt(40));
    };
  }

  static String place(SplittableRandom r) {
    return SeedCorpus.pick(PLACES, r);
  }
}
