package dev.spillway.pg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 64-bit advisory-lock key of a name: the first 8 bytes (big-endian) of
 * SHA-256({@code "spillway:" + name} in UTF-8). Stable across JVMs, versions and machines, so two
 * loaders of the same spill on different hosts compute the same key. In {@code pg_locks} such a
 * lock shows as {@code classid = key >>> 32}, {@code objid = key & 0xffffffff}, {@code objsubid = 1}.
 */
public final class SpillLockKey {
  private static final String PREFIX = "spillway:";

  private SpillLockKey() {}

  public static long of(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((PREFIX + name).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
