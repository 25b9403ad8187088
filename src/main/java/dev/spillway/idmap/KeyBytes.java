package dev.spillway.idmap;

/**
 * Byte-range equality for encoded keys, as a plain loop rather than {@code Arrays.equals}: the
 * JDK's compare takes another path for ranges shorter than 8 bytes, and C2 compiles a hot method
 * without the paths its profile never saw. A spill whose first input file has only longer keys
 * (e.g. ids and hashes) and whose second has short ones ({@code "t7"}) would then deoptimise every
 * compiled method the compare was inlined into (the resolver, the id map, the record's checks) when
 * the second file starts, and compile them all again. A byte loop has the same shape for every
 * length. Keys are short (tens of bytes), so the loop costs no more than the JDK's setup.
 */
final class KeyBytes {
  private KeyBytes() {
  }

  /** Whether {@code a[aFrom, aFrom + length)} equals {@code b[bFrom, bFrom + length)}. */
  static boolean equalRanges(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
    for (int i = 0; i < length; i++) {
      if (a[aFrom + i] != b[bFrom + i]) {
        return false;
      }
    }
    return true;
  }
}
