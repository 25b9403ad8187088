package dev.spillway.pgbinary;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps each {@link PgType} to its {@link Codec} factory (enum-keyed; a duplicate registration is an
 * error). {@link #codecFor(ColumnType)} is called once per column at plan time; an array column
 * gets an array codec wrapping the element type's codec. Immutable and thread-safe once built.
 */
public final class CodecRegistry {
  /** One factory per scalar type; each receives the scalar column type (modifiers, never array). */
  private final Map<PgType, Function<ColumnType, Codec>> factories;

  private CodecRegistry(Map<PgType, Function<ColumnType, Codec>> factories) {
    this.factories = factories;
  }

  /** All built-in codecs; {@code timestamptz} input without an offset is read, and output written, in UTC. */
  public static CodecRegistry standard() {
    return standard(ZoneOffset.UTC);
  }

  /**
   * All built-in codecs, with {@code timeZone} playing the session {@code TimeZone}'s role for
   * {@code timestamptz}: input without an offset is local time there, output is rendered there.
   */
  public static CodecRegistry standard(ZoneId timeZone) {
    return standard(timeZone, timeZone);
  }

  /**
   * All built-in codecs for stage one under a plan's {@code time_zone}: {@code timestamptz} input
   * without an offset is local time in {@code inputZone} (as COPY reads it in a session whose
   * {@code TimeZone} is that zone), while output, and so the text of natural keys, stays in UTC
   * whatever the zone, so that keys do not change with it.
   */
  public static CodecRegistry readingIn(ZoneId inputZone) {
    return standard(inputZone, ZoneOffset.UTC);
  }

  private static CodecRegistry standard(ZoneId inputZone, ZoneId outputZone) {
    checkNotNull(inputZone, "inputZone");
    checkNotNull(outputZone, "outputZone");
    return builder()
        .register(PgType.BOOLEAN, BooleanCodec::new)
        .register(PgType.SMALLINT, SmallintCodec::new)
        .register(PgType.INTEGER, IntegerCodec::new)
        .register(PgType.BIGINT, BigintCodec::new)
        .register(PgType.REAL, RealCodec::new)
        .register(PgType.DOUBLE, DoubleCodec::new)
        .register(PgType.NUMERIC, NumericCodec::new)
        .register(PgType.TEXT, TextCodec::new)
        .register(PgType.VARCHAR, VarcharCodec::new)
        .register(PgType.CHAR, CharCodec::new)
        .register(PgType.BYTEA, ByteaCodec::new)
        .register(PgType.DATE, DateCodec::new)
        .register(PgType.TIME, TimeCodec::new)
        .register(PgType.TIMESTAMP, TimestampCodec::new)
        .register(PgType.TIMESTAMPTZ, t -> new TimestamptzCodec(t, inputZone, outputZone))
        .register(PgType.INTERVAL, IntervalCodec::new)
        .register(PgType.UUID, UuidCodec::new)
        .register(PgType.JSON, JsonCodec::new)
        .register(PgType.JSONB, JsonbCodec::new)
        .register(PgType.INET, InetCodec::new)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The codec for a column type. Throws {@link IllegalArgumentException} naming the type when no
   * codec is registered for its base type.
   */
  public Codec codecFor(ColumnType type) {
    checkNotNull(type, "type");
    Function<ColumnType, Codec> factory = factories.get(type.base());
    checkArgument(factory != null, "no codec registered for type %s (registered: %s)", type, factories.keySet());
    ColumnType scalar = new ColumnType(type.base(), type.length(), type.precision(), type.scale(), false);
    Codec codec = factory.apply(scalar);
    return type.array() ? new ArrayCodec(type, codec) : codec;
  }

  /** Collects factories; {@link #register} refuses a type registered twice. Single-use. */
  public static final class Builder {
    /** Factories registered so far. */
    private final EnumMap<PgType, Function<ColumnType, Codec>> factories = new EnumMap<>(PgType.class);

    private Builder() {}

    public Builder register(PgType type, Function<ColumnType, Codec> factory) {
      checkNotNull(type, "type");
      checkNotNull(factory, "factory");
      checkState(!factories.containsKey(type), "a codec for %s is already registered", type.sqlName());
      factories.put(type, factory);
      return this;
    }

    public CodecRegistry build() {
      return new CodecRegistry(new EnumMap<>(factories));
    }
  }
}
