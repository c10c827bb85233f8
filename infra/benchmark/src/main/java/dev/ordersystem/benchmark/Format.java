package dev.ordersystem.benchmark;

import java.time.Duration;
import java.util.Locale;

/** How the table and the goals write figures: always with a dot, thousands grouped with commas. */
final class Format {

    private Format() {}

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String grouped(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    /** Whole seconds without decimals, else to a tenth. */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : fixed(millis / 1000.0, 1);
    }
}
