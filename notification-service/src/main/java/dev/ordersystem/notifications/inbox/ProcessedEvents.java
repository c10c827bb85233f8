package dev.ordersystem.notifications.inbox;

import java.util.List;
import org.springframework.stereotype.Service;

/** What the inbox tells others about the events it processed. */
@Service
public record ProcessedEvents(ProcessedEventRepository repository) {

    /**
     * The order's events: those processed, in processing order, then those parked behind a dead letter, in arrival
     * order. Empty for an order this service has not seen (or whose events it processed before it stored their
     * order).
     */
    public List<InboxEvent> ofOrder(String orderId) {
        return repository.ofOrder(orderId);
    }
}
