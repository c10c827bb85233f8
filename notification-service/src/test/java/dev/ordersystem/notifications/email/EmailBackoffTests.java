package dev.ordersystem.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmailBackoffTests {

    private final EmailBackoff backoff = new EmailBackoff(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(15));

    @Test
    void growsExponentiallyFromTheInitialWait() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(80));
    }

    @Test
    void neverExceedsTheMaximumEvenAfterVeryManyAttempts() {
        assertThat(backoff.after(8)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.after(10_000)).isEqualTo(Duration.ofMinutes(15));
    }
}
