package cockpit.bus.bridge;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps error reports at {@code perSecond} per wall-clock second so a flood of bad input cannot
 * turn into a flood on the errors topic; what it refuses is counted. Thread-safe.
 */
final class ErrorLimiter {
  private final int perSecond;
  private final AtomicLong window = new AtomicLong();
  private final AtomicLong used = new AtomicLong();
  private final LongAdder suppressed = new LongAdder();

  ErrorLimiter(int perSecond) {
    this.perSecond = perSecond;
  }

  boolean tryAcquire() {
    long second = System.currentTimeMillis() / 1000;
    long w = window.get();
    if (w != second && window.compareAndSet(w, second)) {
      used.set(0);
    }
    if (used.incrementAndGet() <= perSecond) {
      return true;
    }
    suppressed.increment();
    return false;
  }

  long suppressed() {
    return suppressed.sum();
  }
}
