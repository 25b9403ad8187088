/**
 * Stage one, {@code spillway spill}: CSV/TSV sources to a sealed spill directory.
 *
 * <p>Entry point: {@link dev.spillway.spill.Spill} with {@link dev.spillway.spill.SpillOptions} and
 * {@link dev.spillway.spill.SpillServices}; the result is a {@link dev.spillway.spill.SpillResult}.
 * The pipeline, per source in plan order, per matched file, per record: {@code FileSpiller}
 * (reader and binding) -> {@code RecordProcessor} (checks every row of the record, per emit in
 * order, per for_each element, then rejects, parks or commits the record whole; counting, rejects)
 * -> {@code RowBuilder} (values by ordinal through codecs resolved once; {@code RefResolver} for
 * refs) -> {@code TableOutput} ({@code RowIdentity}: dedup and ids; tuple encoding; segment writer)
 * -> {@code ManifestKeeper} (manifest as segments seal). After the last file, {@code Resolution}
 * decides the parked records ({@code ParkedRecords}) and writes the kept ones.
 *
 * <p>Semantics worth knowing:
 * <ul>
 *   <li>Refs resolve whatever the order of the rows: see {@code Resolution} and README.
 *   <li>A source record is all or nothing: see {@code RecordProcessor}.
 *   <li>Natural key columns are NOT NULL: a row whose key has a NULL part is rejected, a ref whose
 *       key has one is NULL; values are canonicalised through their column's codec ({@code 01} and
 *       {@code 1} are one integer key). See {@code KeyEncoder}.
 *   <li>Ids are sequential from 1 (or from the database's maximum + 1) in order of first
 *       appearance, where a {@code missing: create} ref creating a row and a parked row reserving
 *       its key are appearances (a dropped parked row leaves a gap).
 *   <li>A ref's {@code missing: create} assigns the id once its record is known to be kept; the
 *       created row is written at the end of the run unless a real row with that key arrived
 *       meanwhile, which is then written with that id (not counted as a duplicate). A created row
 *       counts as one row read and written for its table, not for any source.
 *   <li>Rows already in the database ({@code --url}) with {@code on_existing: skip} count as
 *       duplicates; with {@code update} the first row per key is written with the existing id.
 *   <li>Accounting: see {@code RecordProcessor}.
 * </ul>
 * This package never imports {@code dev.spillway.pg} or {@code dev.spillway.load}; the database is
 * reached through {@link dev.spillway.spill.ExistingRows}.
 */
package dev.spillway.spill;
