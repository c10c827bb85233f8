package dev.ordersystem.notifications.email;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What the email channel tells others about its deliveries. */
@Service
public record EmailDeliveries(EmailDeliveryRepository repository) {

    /** The state of the email of each of these notifications that has one. */
    public Map<UUID, EmailState> statesOf(Collection<UUID> notificationIds) {
        Map<UUID, EmailState> states = new HashMap<>();
        tracedStatesOf(notificationIds).forEach((id, traced) -> states.put(id, traced.state()));
        return states;
    }

    /** The state of the email of each of these notifications that has one, with the trace id its send continues. */
    public Map<UUID, TracedEmailState> tracedStatesOf(Collection<UUID> notificationIds) {
        return notificationIds.isEmpty() ? Map.of() : repository.states(notificationIds);
    }
}
