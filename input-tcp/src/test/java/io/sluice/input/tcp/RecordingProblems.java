package io.sluice.input.tcp;

import java.util.ArrayList;
import java.util.List;

/** Collects what a decoder reports, one line per problem, for assertions. */
final class RecordingProblems implements DecodeProblems {

    final List<String> invalid = new ArrayList<>();
    final List<Long> oversize = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final List<Long> incomplete = new ArrayList<>();

    @Override
    public void invalidJson(String reason, byte[] data, int off, int len) {
        invalid.add(BytePreview.of(data, off, len, 16));
    }

    @Override
    public void oversize(long bytes, int limit) {
        oversize.add(bytes);
    }

    @Override
    public void skippedValue(String kind) {
        skipped.add(kind);
    }

    @Override
    public void incomplete(long bytes) {
        incomplete.add(bytes);
    }

    boolean none() {
        return invalid.isEmpty() && oversize.isEmpty() && skipped.isEmpty() && incomplete.isEmpty();
    }
}
