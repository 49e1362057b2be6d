package io.sluice.input.tcp;

import java.util.ArrayList;
import java.util.List;

/** Collects what a decoder reports, one line per problem, for assertions. */
final class RecordingProblems implements DecodeProblems {

    final List<String> invalid = new ArrayList<>();
    final List<Long> oversize = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final List<Long> incomplete = new ArrayList<>();
    int invalidUtf8;
    int invalidEscapes;
    final List<String> numbersAsText = new ArrayList<>();
    final List<Long> unterminated = new ArrayList<>();

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

    @Override
    public void invalidUtf8() {
        invalidUtf8++;
    }

    @Override
    public void invalidEscape() {
        invalidEscapes++;
    }

    @Override
    public void numberAsText(byte[] data, int off, int len) {
        numbersAsText.add(new String(data, off, len, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Override
    public void unterminated(long bytes) {
        unterminated.add(bytes);
    }

    boolean none() {
        return invalid.isEmpty() && oversize.isEmpty() && skipped.isEmpty() && incomplete.isEmpty()
                && invalidUtf8 == 0 && invalidEscapes == 0 && numbersAsText.isEmpty() && unterminated.isEmpty();
    }
}
