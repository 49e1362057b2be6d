package io.sluice.api;

/** What core hands an input instance. */
public interface InputContext extends PluginContext {

    /** The tag of the events this input emits: its {@code Tag}, or else its instance name. */
    String tag();

    /** Where the input hands its encoded events to the engine. */
    Emitter emitter();
}
