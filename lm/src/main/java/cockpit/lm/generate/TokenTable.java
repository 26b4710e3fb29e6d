package cockpit.lm.generate;

import java.util.ArrayList;
import java.util.List;

/** The immutable table behind {@link TokenBytes#of}. Thread-safe. */
final class TokenTable implements TokenBytes {
  private final List<byte[]> table;
  private final int endOfTurn;

  TokenTable(List<byte[]> table, int endOfTurn) {
    if (table.isEmpty()) {
      throw new IllegalArgumentException("a vocabulary needs at least one token");
    }
    if (endOfTurn < 0 || endOfTurn >= table.size() || table.get(endOfTurn) != null) {
      throw new IllegalArgumentException("endOfTurn " + endOfTurn + " must be a special id (null bytes) in [0, "
          + table.size() + ")");
    }
    List<byte[]> copy = new ArrayList<>(table.size());
    for (byte[] b : table) {
      copy.add(b == null ? null : b.clone());
    }
    this.table = copy;
    this.endOfTurn = endOfTurn;
  }

  @Override
  public int vocabSize() {
    return table.size();
  }

  @Override
  public byte[] bytes(int id) {
    checkId(id, table.size());
    byte[] b = table.get(id);
    return b == null ? null : b.clone();
  }

  @Override
  public int endOfTurn() {
    return endOfTurn;
  }

  static void checkId(int id, int vocabSize) {
    if (id < 0 || id >= vocabSize) {
      throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocabSize + ")");
    }
  }
}
