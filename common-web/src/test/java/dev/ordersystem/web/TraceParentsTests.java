package dev.ordersystem.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceParentsTests {

    @Test
    void readsTheTraceIdOfAStoredTraceparent() {
        assertThat(TraceParents.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void hasNoTraceIdWithoutATraceparentOrForAnythingElse() {
        assertThat(TraceParents.traceId(null)).isNull();
        assertThat(TraceParents.traceId("not-a-traceparent")).isNull();
        assertThat(TraceParents.traceId("00-4bf92f35-00f067aa0ba902b7-01")).isNull();
    }
}
