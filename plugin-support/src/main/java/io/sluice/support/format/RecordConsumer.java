package io.sluice.support.format;

/**
 * Receives one formatted payload per record from {@link EventFormatter#formatRecords}; the bytes are only valid
 * during the call.
 *
 * @param <E> the exception the consumer may throw (e.g. {@link java.io.IOException} when it sends)
 */
@FunctionalInterface
public interface RecordConsumer<E extends Exception> {

    /** Takes the payload {@code array[offset, offset+length)}; copy it to keep it. */
    void accept(byte[] array, int offset, int length) throws E;
}
