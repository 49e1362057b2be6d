/**
 * The sluice plugin contract, version 2: what an input, filter or output implements and what core hands it.
 *
 * <h2>Events</h2>
 * Events travel as bytes in Fluent Bit's msgpack event layout, one after another with no outer array:
 * {@code [[EventTime, {metadata}], {body}]}, where EventTime is the msgpack ext type 0 of 8 bytes (big-endian
 * uint32 seconds, uint32 nanoseconds) and metadata and body are maps ({@code {}} when there is no metadata).
 * Readers also accept the older {@code [EventTime, {body}]} form. The {@code sluice-plugin-support} library
 * encodes, decodes and formats this layout; plugins bundle it privately when they use it.
 *
 * <h2>Lifecycle</h2>
 * A factory is found by {@link java.util.ServiceLoader} in the plugin's own class loader. Core validates each
 * configuration section against the factory's {@link io.sluice.api.PluginFactory#properties() declarations} and its
 * {@link io.sluice.api.PluginFactory#validate validate} hook before anything starts; then {@code create} →
 * {@code start} → … → {@code stop}. Core calls {@code stop()} only after {@code start()} returned normally, and
 * exactly once. Every call into plugin code runs with the plugin's class loader as the thread's context class
 * loader.
 *
 * <h2>Buffers</h2>
 * Byte arrays handed to a plugin ({@link io.sluice.api.EventChunk}, {@link io.sluice.api.EventBatch}) belong to core
 * and are valid only until the call returns; {@link io.sluice.api.EventChunk#copy()} keeps them longer. Byte arrays a
 * plugin hands to core ({@link io.sluice.api.Emitter}, {@link io.sluice.api.FilterSink}) are copied before the call
 * returns, so the plugin may reuse them at once.
 */
package io.sluice.api;
