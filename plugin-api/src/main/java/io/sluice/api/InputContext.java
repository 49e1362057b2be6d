package io.sluice.api;

/** What core hands an input instance. */
public interface InputContext extends PluginContext {

    /** The tag of the events this input emits when it names none: its {@code Tag}, or else its instance name. */
    String tag();

    /** Where the input hands its encoded events to the engine. */
    Emitter emitter();

    /**
     * Reports that the input stopped working for good (its thread died, its socket cannot be used): core logs it,
     * counts it and stops the service with a non-zero exit, delivering what is buffered first.
     */
    void reportFailure(String reason, Throwable cause);
}
