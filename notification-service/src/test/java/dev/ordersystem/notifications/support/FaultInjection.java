package dev.ordersystem.notifications.support;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real database failure for the tests: a trigger that makes inserting a notification for one customer fail, the
 * first {@code failures} times. The attempts are counted in a sequence, which a rollback does not undo.
 */
public final class FaultInjection implements AutoCloseable {

    private final JdbcClient jdbc;
    private final String name;

    private FaultInjection(JdbcClient jdbc, String name) {
        this.jdbc = jdbc;
        this.name = name;
    }

    /** Inserting a notification for the customer fails the first {@code failures} times. */
    public static FaultInjection failNotificationInserts(JdbcClient jdbc, String customerId, int failures) {
        String name = "fault_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("create sequence " + name).update();
        jdbc.sql("""
                        create function %1$s() returns trigger language plpgsql as $$
                        begin
                            if NEW.customer_id = '%2$s' and nextval('%1$s') <= %3$d then
                                raise exception 'injected failure for %%', NEW.customer_id;
                            end if;
                            return NEW;
                        end $$
                        """.formatted(name, customerId.replace("'", "''"), failures)).update();
        jdbc.sql("create trigger " + name + " before insert on notifications for each row execute function " + name
                        + "()")
                .update();
        return new FaultInjection(jdbc, name);
    }

    /** Inserting a notification for the customer fails until this is closed. */
    public static FaultInjection failNotificationInserts(JdbcClient jdbc, String customerId) {
        return failNotificationInserts(jdbc, customerId, Integer.MAX_VALUE);
    }

    /** Inserts attempted for the customer so far, failed or not. */
    public long attempts() {
        return jdbc.sql("select case when is_called then last_value else 0 end from " + name)
                .query(Long.class)
                .single();
    }

    @Override
    public void close() {
        jdbc.sql("drop trigger if exists " + name + " on notifications").update();
        jdbc.sql("drop function if exists " + name + "()").update();
        jdbc.sql("drop sequence if exists " + name).update();
    }
}
