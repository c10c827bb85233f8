package dev.ordersystem.orders.outbox;

import static dev.ordersystem.orders.support.TestCaller.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.orders.support.OrderApiTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order change and its outbox row commit together or not at all: a trigger in the real database makes the outbox
 * insert fail for one customer, and the order change must be rolled back with it.
 */
class OutboxAtomicityIntegrationTests extends OrderApiTestSupport {

    private static final String DOOMED = "doomed-customer";

    @BeforeEach
    void outboxRejectsEventsOfDoomedCustomer() {
        jdbc.sql("""
                        create or replace function reject_doomed_outbox() returns trigger language plpgsql as $$
                        begin
                            if new.payload #>> '{payload,customerId}' = 'doomed-customer' then
                                raise exception 'outbox insert rejected by test trigger';
                            end if;
                            return new;
                        end $$""").update();
        jdbc.sql("create trigger reject_doomed_outbox before insert on outbox"
                        + " for each row execute function reject_doomed_outbox()")
                .update();
    }

    @AfterEach
    void dropTrigger() {
        jdbc.sql("drop trigger if exists reject_doomed_outbox on outbox").update();
        jdbc.sql("drop function if exists reject_doomed_outbox()").update();
    }

    @Test
    void failedOutboxInsertRollsBackThePlacedOrder() {
        var before = tableCounts();

        var response = as(STAFF).postJson("/orders", orderJson(DOOMED));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(tableCounts()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from orders where customer_id = :c")
                        .param("c", DOOMED)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void failedOutboxInsertRollsBackThePayment() {
        UUID id = placeOrder("lucky-customer-" + UUID.randomUUID());
        // events are built from the order row, so from now on this order's events carry the doomed customer id
        jdbc.sql("update orders set customer_id = :c where id = :id")
                .param("c", DOOMED)
                .param("id", id)
                .update();
        var before = tableCounts();

        var response = transition(id, "pay");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(as(STAFF).get("/orders/" + id)).get("status").asString())
                .isEqualTo("PLACED");
        assertThat(tableCounts()).isEqualTo(before);
        assertThat(outboxRowsFor(id)).isEqualTo(1);
    }
}
