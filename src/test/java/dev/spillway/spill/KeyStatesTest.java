package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.idmap.IdMaps;
import dev.spillway.idmap.KeySet;
import dev.spillway.idmap.NaturalKey;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a key is pending is answered from the heap filter when it can be: a key read again while
 * few keys are parked (a dimension row of a fact file) costs no probe of the pending key set.
 */
class KeyStatesTest {
  @TempDir
  Path tmp;

  @Test
  void aKeyNotPendingIsAnsweredWithoutProbingTheSet() {
    try (IdMaps maps = new IdMaps(tmp.resolve("pending"))) {
      KeySet[] opened = new KeySet[1];
      KeyStates states = new KeyStates(new ResolveState(), () -> opened[0] = maps.openKeySet("t", 16, 8),
          () -> { throw new AssertionError("lost"); }, () -> { throw new AssertionError("contested"); },
          () -> { throw new AssertionError("owners"); }, false, () -> { throw new AssertionError("rejected"); },
          new RejectReasons(tmp.resolve("reasons")));
      NaturalKey parked = NaturalKey.of("a");
      assertFalse(states.isPending(parked), "nothing pending");
      states.markPending(parked);
      assertTrue(states.isPending(parked));
      opened[0].close(); // from here on a probe of the set throws
      int probes = 0;
      for (int i = 0; i < 100; i++) {
        NaturalKey other = NaturalKey.of("key-" + i);
        try {
          assertFalse(states.isPending(other), other.toString());
        } catch (IllegalStateException probed) {
          probes++;
        }
      }
      assertTrue(probes < 5, "keys not pending that were probed for: " + probes);
      assertThrows(IllegalStateException.class, () -> states.isPending(parked), "a key whose bit is set is probed");
    }
  }
}
