package dev.ordersystem.orders.journey;

import dev.ordersystem.orders.order.OrderId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The journey of one order, for operators and viewers (the ops console). */
@RestController
@Tag(name = "Operations", description = "The journey of an order through the outbox, for operators and viewers")
record OrderJourneyController(OrderJourneys journeys) {

    @GetMapping(path = "/ops/orders/{id}/journey", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The journey of one order: its outbox events",
            description = "Continued by the notification service's GET /ops/orders/{orderId}/journey, per eventId.")
    @ApiResponse(responseCode = "200", description = "The order's journey")
    @ApiResponse(responseCode = "404", description = "No such order")
    OrderJourney journey(@PathVariable UUID id) {
        return journeys.of(new OrderId(id));
    }
}
