package dev.ordersystem.notifications.email;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What the email channel tells others about its deliveries. */
@Service
public class EmailDeliveries {

    private final EmailDeliveryRepository repository;

    EmailDeliveries(EmailDeliveryRepository repository) {
        this.repository = repository;
    }

    /** The state of the email of each of these notifications that has one. */
    public Map<UUID, EmailState> statesOf(Collection<UUID> notificationIds) {
        return notificationIds.isEmpty() ? Map.of() : repository.states(notificationIds);
    }

    /**
     * The trace id of each of these notifications' emails that has one: the trace of the inbox transaction that
     * created the delivery, which its send continues.
     */
    public Map<UUID, String> traceIdsOf(Collection<UUID> notificationIds) {
        return notificationIds.isEmpty() ? Map.of() : repository.traceIds(notificationIds);
    }
}
