package dev.spillway.pg;

/**
 * What one spill has committed into one target table, summed over its progress rows.
 *
 * @param tableName the target ({@code "schema"."table"})
 * @param segments  segments recorded as loaded
 * @param rows      rows in them
 */
public record ProgressTotal(String tableName, long segments, long rows) {}
