package io.sluice.core.engine;

import java.util.List;

/**
 * What a reload did.
 *
 * @param keptInputs      inputs that kept running
 * @param newInputs       inputs started anew (new or changed)
 * @param keptOutputs     outputs that kept running
 * @param newOutputs      outputs started anew
 * @param stoppedInputs   inputs stopped (removed or changed)
 * @param stoppedOutputs  outputs retired (removed or changed); their tasks moved to the new outputs
 * @param failedInputs    new inputs that failed to start (the old one runs again where there was one)
 */
public record ReloadReport(int keptInputs, int newInputs, int keptOutputs, int newOutputs, int stoppedInputs,
                           int stoppedOutputs, List<String> failedInputs) {

    /** Copies the list. */
    public ReloadReport {
        failedInputs = List.copyOf(failedInputs);
    }
}
