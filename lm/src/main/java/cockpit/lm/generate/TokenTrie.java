package cockpit.lm.generate;

import java.util.HashMap;
import java.util.Map;

/**
 * The byte sequences of a vocabulary's ordinary tokens as a trie, flattened into arrays: node 0 is the
 * root, node {@code i}'s edges are {@code [edgeStart[i], edgeStart[i+1])} with labels {@code edgeByte}
 * and targets {@code edgeNode}; the ids of tokens whose bytes end at node {@code i} are
 * {@code tokenIds[tokenStart[i] .. tokenStart[i+1])}. Tokens without bytes (special, reserved, empty)
 * and the end-of-turn token are left out. Immutable after construction; thread-safe.
 */
final class TokenTrie {
  final int[] edgeStart;
  final byte[] edgeByte;
  final int[] edgeNode;
  final int[] tokenStart;
  final int[] tokenIds;
  /** Longest token, in bytes. */
  final int maxTokenLength;

  TokenTrie(TokenBytes tokens) {
    int vocab = tokens.vocabSize();
    Map<Long, Integer> edges = new HashMap<>();
    int[] parent = new int[1024];
    byte[] label = new byte[1024];
    int nodes = 1;
    int[] endNode = new int[vocab];
    int longest = 0;
    for (int id = 0; id < vocab; id++) {
      byte[] bytes = id == tokens.endOfTurn() ? null : tokens.bytes(id);
      endNode[id] = -1;
      if (bytes == null || bytes.length == 0) {
        continue;
      }
      longest = Math.max(longest, bytes.length);
      int node = 0;
      for (byte b : bytes) {
        long key = (long) node << 8 | (b & 0xFF);
        Integer child = edges.get(key);
        if (child == null) {
          if (nodes == parent.length) {
            parent = java.util.Arrays.copyOf(parent, nodes * 2);
            label = java.util.Arrays.copyOf(label, nodes * 2);
          }
          parent[nodes] = node;
          label[nodes] = b;
          child = nodes++;
          edges.put(key, child);
        }
        node = child;
      }
      endNode[id] = node;
    }
    maxTokenLength = longest;
    edgeStart = new int[nodes + 1];
    for (int n = 1; n < nodes; n++) {
      edgeStart[parent[n] + 1]++;
    }
    prefixSum(edgeStart);
    edgeByte = new byte[nodes - 1];
    edgeNode = new int[nodes - 1];
    int[] fill = edgeStart.clone();
    for (int n = 1; n < nodes; n++) {
      int e = fill[parent[n]]++;
      edgeByte[e] = label[n];
      edgeNode[e] = n;
    }
    tokenStart = new int[nodes + 1];
    for (int id = 0; id < vocab; id++) {
      if (endNode[id] >= 0) {
        tokenStart[endNode[id] + 1]++;
      }
    }
    prefixSum(tokenStart);
    fill = tokenStart.clone();
    tokenIds = new int[tokenStart[nodes]];
    for (int id = 0; id < vocab; id++) {
      if (endNode[id] >= 0) {
        tokenIds[fill[endNode[id]]++] = id;
      }
    }
  }

  /** Number of trie nodes, the root included. */
  int nodes() {
    return edgeStart.length - 1;
  }

  private static void prefixSum(int[] a) {
    for (int i = 1; i < a.length; i++) {
      a[i] += a[i - 1];
    }
  }
}
