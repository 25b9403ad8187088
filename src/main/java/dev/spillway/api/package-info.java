/**
 * spillway as a Java library: the only public, promised API. {@link dev.spillway.api.Spillway} is
 * the entry point; {@link dev.spillway.api.Plan} (from YAML or {@link dev.spillway.api.PlanBuilder})
 * says what goes where; {@link dev.spillway.api.SpillWriter} takes records from code into a spill;
 * {@link dev.spillway.api.Spillway#load} loads a spill with {@link dev.spillway.api.LoadSettings};
 * {@link dev.spillway.api.RunWriter} ({@link dev.spillway.api.Spillway#run}, {@link dev.spillway.api.RunSettings})
 * does both at once, loading each sealed segment while the program writes, with backpressure;
 * {@link dev.spillway.api.LiveWriter} writes small batches inside the caller's transaction.
 * Every other package of spillway is internal and may change without notice.
 */
package dev.spillway.api;
