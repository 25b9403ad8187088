package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret (a password, an SSL key password). {@link #toString()} never shows it, so a record or
 * message that embeds one by accident stays safe; only {@link #reveal()} gives the text, and only the
 * connection code calls it, to hand it to the driver in a {@link java.util.Properties} (never in a URL).
 */
public final class Password {
  /** The secret text; never empty. */
  private final String value;

  private Password(String value) {
    this.value = value;
  }

  /** @param value the secret, not null and not empty */
  public static Password of(String value) {
    checkArgument(value != null && !value.isEmpty(), "password is null or empty");
    return new Password(value);
  }

  /** The secret text, for the driver only. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Password p && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), p.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // deliberately uninformative
  }

  @Override
  public String toString() {
    return "********";
  }
}
