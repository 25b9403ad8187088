package dev.spillway.pgbinary;

/**
 * An {@code interval} value exactly as Postgres keeps it: three independent fields, never
 * normalised into each other (1 month is not 30 days, 1 day is not 24 hours).
 *
 * @param months whole months (years are 12 months)
 * @param days   whole days
 * @param micros microseconds (hours, minutes, seconds); any sign, independent of the others
 */
public record PgInterval(int months, int days, long micros) {}
