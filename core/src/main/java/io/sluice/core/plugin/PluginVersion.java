package io.sluice.core.plugin;

/** Compares plugin versions such as {@code 1.10.0} and {@code 1.9.2}: numerically, part by part. */
final class PluginVersion {

    private PluginVersion() {
    }

    /** Negative, zero or positive as {@code a} is lower than, equal to or higher than {@code b}. */
    static int compare(String a, String b) {
        String[] pa = a.split("[.-]");
        String[] pb = b.split("[.-]");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            String x = i < pa.length ? pa[i] : "0";
            String y = i < pb.length ? pb[i] : "0";
            int c = x.matches("\\d{1,9}") && y.matches("\\d{1,9}")
                    ? Integer.compare(Integer.parseInt(x), Integer.parseInt(y)) : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
