package io.sluice.core.engine;

/**
 * What a reload did.
 *
 * @param keptInputs      inputs that kept running
 * @param newInputs       inputs started anew (new or changed)
 * @param keptOutputs     outputs that kept running
 * @param newOutputs      outputs started anew
 * @param stoppedInputs   inputs stopped (removed or changed)
 * @param stoppedOutputs  outputs retired (removed or changed); their tasks moved to the new outputs
 */
public record ReloadReport(int keptInputs, int newInputs, int keptOutputs, int newOutputs, int stoppedInputs,
                           int stoppedOutputs) {
}
