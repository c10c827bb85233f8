package dev.ordersystem.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventHeadersTests {

    @Test
    void takesTheTraceIdOutOfAW3cTraceparent() {
        assertThat(EventHeaders.traceIdOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void hasNoTraceIdForAMissingMalformedOrAllZeroTraceparent() {
        assertThat(EventHeaders.traceIdOf(null)).isNull();
        assertThat(EventHeaders.traceIdOf("not-a-traceparent")).isNull();
        assertThat(EventHeaders.traceIdOf("00-4bf92f35-00f067aa0ba902b7-01")).isNull();
        assertThat(EventHeaders.traceIdOf("00-<script>-00f067aa0ba902b7-01")).isNull();
        assertThat(EventHeaders.traceIdOf("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isNull();
    }
}
