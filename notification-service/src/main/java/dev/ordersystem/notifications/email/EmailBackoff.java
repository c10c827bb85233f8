package dev.ordersystem.notifications.email;

import java.time.Duration;

/**
 * Wait before the next attempt: {@code initial * multiplier^(attempts - 1)}, at most {@code max}.
 *
 * @param initial wait after the first failed attempt
 * @param multiplier factor between two waits, at least 1
 * @param max longest wait
 */
record EmailBackoff(Duration initial, double multiplier, Duration max) {

    /** The wait after the given number of failed attempts (1 or more). */
    Duration after(int failedAttempts) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        if (Double.isInfinite(millis) || millis >= max.toMillis()) {
            return max;
        }
        return Duration.ofMillis((long) millis);
    }
}
