package dev.ordersystem.notifications.support;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real database failure for the tests: a trigger that makes inserting a notification fail, for one customer or one
 * event, the first {@code failures} times. The attempts are counted in a sequence, which a rollback does not undo.
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
        return failNotificationInsertsWhere(jdbc, "customer_id", customerId, failures);
    }

    /** Inserting a notification for the customer fails until this is closed. */
    public static FaultInjection failNotificationInserts(JdbcClient jdbc, String customerId) {
        return failNotificationInserts(jdbc, customerId, Integer.MAX_VALUE);
    }

    /** Inserting the notification of the event fails until this is closed: a bug that fails every time. */
    public static FaultInjection failNotificationOf(JdbcClient jdbc, UUID eventId) {
        return failNotificationInsertsWhere(jdbc, "event_id", eventId.toString(), Integer.MAX_VALUE);
    }

    private static FaultInjection failNotificationInsertsWhere(
            JdbcClient jdbc, String column, String value, int failures) {
        String name = "fault_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("create sequence " + name).update();
        jdbc.sql("""
                        create function %1$s() returns trigger language plpgsql as $$
                        begin
                            if NEW.%2$s::text = '%3$s' and nextval('%1$s') <= %4$d then
                                raise exception 'injected failure for %%', NEW.%2$s;
                            end if;
                            return NEW;
                        end $$
                        """.formatted(name, column, value.replace("'", "''"), failures))
                .update();
        jdbc.sql("create trigger " + name + " before insert on notifications for each row execute function " + name
                        + "()")
                .update();
        return new FaultInjection(jdbc, name);
    }

    /** Inserts attempted for the customer or event so far, failed or not. */
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
