package io.sluice.api;

/** What {@link Filter#filter} did with a batch. */
public enum FilterResult {
    /** The batch goes on as it came in; anything written to the sink is ignored. */
    UNCHANGED,
    /** The events written to the sink replace the batch; none written drops every event. */
    REPLACED
}
