package dev.ordersystem.orders.order.web;

import dev.ordersystem.orders.OrdersProperties;
import dev.ordersystem.orders.idempotency.IdempotencyKeys;
import dev.ordersystem.orders.order.NewOrder;
import dev.ordersystem.orders.order.Order;
import dev.ordersystem.orders.order.OrderId;
import dev.ordersystem.orders.order.OrderScope;
import dev.ordersystem.orders.order.OrderService;
import dev.ordersystem.orders.order.OrderStatus;
import dev.ordersystem.orders.security.Caller;
import dev.ordersystem.orders.security.ForbiddenException;
import dev.ordersystem.web.InvalidRequestException;
import dev.ordersystem.web.PlainTextValidator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order API: place, read, search, pay, ship and cancel orders. Who may call which endpoint is configured in the
 * security package; which orders a caller reaches is decided here: staff act for any customer, customers for
 * themselves only (another customer's order answers 404, like a missing one).
 */
@RestController
@RequestMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Orders",
        description = "Place, read, search, pay, ship and cancel orders. Customers act on their own orders (another"
                + " customer's order answers 404, as a missing one), staff on anyone's; the payment client pays, the"
                + " warehouse client ships.")
record OrderController(
        OrderService orders,
        OrderRequestValidator validator,
        IdempotencyKeys idempotencyKeys,
        OrdersProperties properties) {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int MAX_CUSTOMER_ID = 64;

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Place an order",
            description = "A customer places an order for themselves: customerId and customerEmail come from the token"
                    + " (leave them out, or name their own). Staff name the customer. With an Idempotency-Key, the"
                    + " same request again (same caller, same body) answers the first response again, with"
                    + " Idempotent-Replayed: true, instead of placing a second order.")
    @ApiResponse(
            responseCode = "201",
            description = "Placed; or, with an Idempotency-Key seen before (same caller, same body), the first"
                    + " response replayed and nothing placed",
            headers = {
                @Header(name = "Location", description = "The order", schema = @Schema(type = "string")),
                @Header(
                        name = IDEMPOTENT_REPLAYED,
                        description = "Only with an Idempotency-Key: true when this is the first response replayed",
                        schema =
                                @Schema(
                                        type = "string",
                                        allowableValues = {"true", "false"}))
            })
    @ApiResponse(responseCode = "403", description = "A customer's body names another customer or email address")
    @ApiResponse(responseCode = "409", description = "The order conflicts with data already stored")
    @ApiResponse(
            responseCode = "422",
            description = "The Idempotency-Key was used by this caller before, for another body")
    ResponseEntity<OrderResponse> place(
            @RequestBody CreateOrderRequest body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    @Parameter(
                            description = "Makes a retry safe: 1 to 255 visible ASCII characters, unique per order;"
                                    + " kept orders.idempotency.ttl (24 h)",
                            example = "order-2026-11-29-0001")
                    @Nullable
                    String idempotencyKey,
            Caller caller) {
        if (idempotencyKey != null && !VALID_KEY.matcher(idempotencyKey).matches()) {
            throw InvalidRequestException.of(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        }
        CreateOrderRequest request = caller.isStaff() ? body : forThemselves(body, caller);
        NewOrder newOrder = validator.toNewOrder(request);
        Supplier<ResponseEntity<OrderResponse>> place = () -> {
            var placed = OrderResponse.from(orders.place(newOrder));
            return ResponseEntity.created(URI.create("/orders/" + placed.id())).body(placed);
        };
        if (idempotencyKey == null) {
            return place.get();
        }
        var outcome = idempotencyKeys.execute(caller.subject(), idempotencyKey, request, OrderResponse.class, place);
        return ResponseEntity.status(outcome.response().getStatusCode())
                .headers(outcome.response().getHeaders())
                .header(IDEMPOTENT_REPLAYED, Boolean.toString(outcome.replayed()))
                .body(outcome.response().getBody());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read an order")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "404", description = "No such order, or another customer's")
    OrderResponse get(@PathVariable UUID id, Caller caller) {
        return OrderResponse.from(orders.get(new OrderId(id), scope(caller)));
    }

    @GetMapping
    @Operation(
            summary = "Search orders, newest first",
            description = "Customers see their own orders only; staff any, optionally of one customer.")
    @ApiResponse(responseCode = "200", description = "A page of orders")
    @ApiResponse(responseCode = "403", description = "A customer asked for another customer's orders")
    OrderResponse.Page search(
            @RequestParam(required = false) @Nullable String customerId,
            @RequestParam(required = false) @Parameter(schema = @Schema(implementation = OrderStatus.class)) @Nullable
                    String status,
            @RequestParam(defaultValue = "0") @Parameter(description = "0-based page number") int page,
            @RequestParam(required = false)
                    @Parameter(
                            description = "Page size, 1 to orders.api.max-page-size (default"
                                    + " orders.api.default-page-size)")
                    @Nullable
                    Integer size,
            Caller caller) {
        if (page < 0 || page > 1_000_000) {
            throw InvalidRequestException.of("page", "must be between 0 and 1000000");
        }
        int pageSize = size == null ? properties.api().defaultPageSize() : size;
        if (pageSize < 1 || pageSize > properties.api().maxPageSize()) {
            throw InvalidRequestException.of(
                    "size", "must be between 1 and " + properties.api().maxPageSize());
        }
        if (customerId != null
                && (customerId.isBlank()
                        || customerId.length() > MAX_CUSTOMER_ID
                        || !PlainTextValidator.isPlain(customerId))) {
            throw InvalidRequestException.of(
                    "customerId", "must be 1 to " + MAX_CUSTOMER_ID + " characters of plain text");
        }
        String customer = customerId;
        if (!caller.isStaff()) {
            if (customerId != null && !customerId.equals(caller.customerId())) {
                throw new ForbiddenException("Customers list their own orders only");
            }
            customer = caller.customerId();
        }
        return OrderResponse.Page.from(orders.search(customer, parseStatus(status), page, pageSize));
    }

    @PostMapping("/{id}/pay")
    @Operation(summary = "Mark an order paid (the payment client)")
    @ApiResponse(responseCode = "200", description = "The order, PAID")
    @ApiResponse(responseCode = "404", description = "No such order")
    @ApiResponse(
            responseCode = "409",
            description = "The order's status does not allow it (orderStatus says which it is)")
    OrderResponse pay(@PathVariable UUID id) {
        return OrderResponse.from(orders.pay(new OrderId(id)));
    }

    @PostMapping("/{id}/ship")
    @Operation(summary = "Mark a paid order shipped (the warehouse client)")
    @ApiResponse(responseCode = "200", description = "The order, SHIPPED")
    @ApiResponse(responseCode = "404", description = "No such order")
    @ApiResponse(
            responseCode = "409",
            description = "The order's status does not allow it (orderStatus says which it is)")
    OrderResponse ship(@PathVariable UUID id) {
        return OrderResponse.from(orders.ship(new OrderId(id)));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel an order that is not shipped yet, with an optional reason")
    @ApiResponse(responseCode = "200", description = "The order, CANCELLED")
    @ApiResponse(responseCode = "404", description = "No such order, or another customer's")
    @ApiResponse(
            responseCode = "409",
            description = "The order's status does not allow it (orderStatus says which it is)")
    OrderResponse cancel(
            @PathVariable UUID id, @RequestBody(required = false) @Nullable CancelRequest request, Caller caller) {
        String reason = null;
        if (request != null) {
            var errors = validator.violations(request);
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            reason = request.reason() == null || request.reason().isBlank()
                    ? null
                    : request.reason().strip();
        }
        Order order = orders.cancel(new OrderId(id), scope(caller), reason);
        return OrderResponse.from(order);
    }

    /** Staff reach every order, a customer their own. */
    private static OrderScope scope(Caller caller) {
        return caller.isStaff() ? OrderScope.ALL : OrderScope.ownedBy(caller.customerId());
    }

    /**
     * A customer's order is placed for the customer of the token, with the token's email address; a body that names
     * another customer or address is refused.
     */
    private static CreateOrderRequest forThemselves(CreateOrderRequest body, Caller caller) {
        String customerId = caller.customerId();
        String email = caller.email();
        if ((body.customerId() != null && !body.customerId().equals(customerId))
                || (body.customerEmail() != null && !body.customerEmail().equalsIgnoreCase(email))) {
            throw new ForbiddenException("Customers place orders for themselves only, with the email address of their"
                    + " token; leave out customerId and customerEmail");
        }
        return body.withCustomer(customerId, email);
    }

    private static @Nullable OrderStatus parseStatus(@Nullable String status) {
        if (status == null) {
            return null;
        }
        try {
            return OrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("status", "must be one of " + Arrays.toString(OrderStatus.values()));
        }
    }
}
