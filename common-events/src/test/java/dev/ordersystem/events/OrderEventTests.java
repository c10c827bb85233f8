package dev.ordersystem.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderEventTests {

    private static final OrderLine LINE = new OrderLine("SKU-1", 1, BigDecimal.ONE, BigDecimal.ONE);

    @Test
    void copiesLinesSoTheEventStaysImmutable() {
        List<OrderLine> lines = new ArrayList<>(List.of(LINE));
        OrderPlaced placed =
                new OrderPlaced("o-1", "c-1", "a@example.com", lines, BigDecimal.ONE, "EUR", Instant.EPOCH);

        lines.clear();

        assertThat(placed.lines()).containsExactly(LINE);
        assertThatThrownBy(() -> placed.lines().add(LINE)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsMissingCustomerEmail() {
        assertThatNullPointerException()
                .isThrownBy(() -> new OrderPaid("o-1", "c-1", null, BigDecimal.ONE, "EUR", Instant.EPOCH))
                .withMessageContaining("customerEmail");
    }

    @Test
    void rejectsOrderWithoutLines() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OrderShipped(
                        "o-1", "c-1", "a@example.com", List.of(), BigDecimal.ONE, "EUR", Instant.EPOCH));
    }

    @Test
    void rejectsLineWithoutQuantity() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OrderLine("SKU-1", 0, BigDecimal.ONE, BigDecimal.ZERO))
                .withMessageContaining("quantity");
    }

    @Test
    void allowsCancellationWithoutReason() {
        assertThat(new OrderCancelled("o-1", "c-1", "a@example.com", null, BigDecimal.ONE, "EUR", Instant.EPOCH)
                        .reason())
                .isNull();
    }
}
