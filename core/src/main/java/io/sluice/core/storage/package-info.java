/**
 * Chunk files for {@code storage.type filesystem}: writing them, reading them back after a crash, quarantining the
 * unreadable, printing them.
 *
 * <h2>Format, version 1</h2>
 * One file per chunk. All integers are unsigned and big-endian; every checksum is CRC32C
 * ({@link java.util.zip.CRC32C}). There is no whole-file checksum: each frame carries its own, so appending never
 * rewrites earlier bytes and a file cut at any byte is still valid up to its last complete frame.
 * <pre>
 * header:
 *   magic       8 bytes   "SLUICECK" (ASCII)
 *   version     u16       1
 *   flags       u16       0 (none defined)
 *   tag length  u16       at most 65,535
 *   tag         bytes     UTF-8
 *   header crc  u32       CRC32C of every header byte before it
 * frames, until the end of the file:
 *   type        u8        1 BATCH, 2 ROUTE_DONE; 0 is never a type
 *   length      u32       payload bytes
 *   payload     bytes
 *   crc         u32       CRC32C of type, length and payload
 * BATCH payload:       record count u32, then the batch's events (msgpack, opaque here)
 * ROUTE_DONE payload:  UTF-8 name of an output instance that has durably finished with the chunk
 * </pre>
 * A chunk's events are its BATCH payloads in file order; the outputs to skip on replay are the ROUTE_DONE names
 * (done marks arrive after the chunk is closed; they are appended to it).
 *
 * <h2>Versioning</h2>
 * The magic and the version stay at offsets 0 and 8 in every version. A change that a reader of an older version
 * would misread (layout, meaning of a field, a frame it must understand) raises the version, and a reader refuses a
 * version higher than its own with a clear message ({@link io.sluice.core.storage.ChunkStatus#NEWER_VERSION}); such
 * a file is kept, not quarantined, as it is likely a newer sluice's after a downgrade. Additions an older reader can
 * safely ignore keep the version: new flag bits (readers ignore unknown flags) and new frame types (readers skip a
 * frame of unknown type whose checksum is valid).
 *
 * <h2>Reading back</h2>
 * The backlog left by a previous run is indexed by file name, without reading the files; each is then read whole.
 * {@link io.sluice.core.storage.ChunkHeaders} checks a header (and can read one alone);
 * {@link io.sluice.core.storage.ChunkLoader} reads everything and never throws on bad bytes: an incomplete last frame
 * is a torn tail (the process died while writing it: it was never counted, nothing counted is lost); a frame whose
 * checksum fails is skipped when its length leads to a valid frame or the end of the file; otherwise its length is
 * not trusted and reading resumes at the next offset where a frame checks out; a file with a bad header yields
 * nothing. {@link io.sluice.core.storage.ChunkRepair} cuts a file back to its last valid frame.
 *
 * <h2>Durability</h2>
 * The caller counts (and acknowledges) a batch only once {@link io.sluice.core.storage.ChunkWriter#append} returned.
 * <ul>
 *   <li>{@link io.sluice.core.storage.SyncMode#NORMAL}: each frame is handed to the kernel with one gathering
 *   {@code write()}. A killed process ({@code kill -9}, OOM killer) loses nothing counted: the page cache keeps the
 *   frame. A power loss or kernel crash may lose the last seconds of frames and files created recently, and may
 *   leave a torn or zero-filled tail; what is on disk is still read up to its last valid frame.</li>
 *   <li>{@link io.sluice.core.storage.SyncMode#FULL}: in addition each frame is forced ({@code fdatasync}) before
 *   {@code append} returns, a new file's header is forced and its directory synced, and directories are synced after
 *   a delete or a move (and after creating a directory, its parent). A power loss loses nothing counted.</li>
 * </ul>
 * A write that fails (disk full, I/O error) is cut off again, so a file always ends at a complete frame and the same
 * batch can be appended once the disk has room.
 */
package io.sluice.core.storage;
