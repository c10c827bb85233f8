package dev.ordersystem.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceIdsTests {

    @Test
    void takesTheTraceIdOutOfAW3cTraceParent() {
        assertThat(TraceIds.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void hasNoTraceIdForAMissingMalformedOrAllZeroTraceParent() {
        assertThat(TraceIds.of(null)).isNull();
        assertThat(TraceIds.of("not-a-trace-parent")).isNull();
        assertThat(TraceIds.of("00-<script>-00f067aa0ba902b7-01")).isNull();
        assertThat(TraceIds.of("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isNull();
    }
}
