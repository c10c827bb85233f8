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
import dev.ordersystem.orders.web.InvalidRequestException;
import dev.ordersystem.orders.web.PlainTextValidator;
import dev.ordersystem.orders.web.TraceParents;
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
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int MAX_CUSTOMER_ID = 64;

    private final OrderService orders;
    private final OrderRequestValidator validator;
    private final IdempotencyKeys idempotencyKeys;
    private final OrdersProperties.Api settings;

    OrderController(
            OrderService orders,
            OrderRequestValidator validator,
            IdempotencyKeys idempotencyKeys,
            OrdersProperties properties) {
        this.orders = orders;
        this.validator = validator;
        this.idempotencyKeys = idempotencyKeys;
        this.settings = properties.api();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderResponse> place(
            @RequestBody CreateOrderRequest body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
            @RequestHeader(name = TraceParents.HEADER, required = false) @Nullable String traceParent,
            Caller caller) {
        if (idempotencyKey != null && !VALID_KEY.matcher(idempotencyKey).matches()) {
            throw InvalidRequestException.of(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        }
        CreateOrderRequest request = caller.isStaff() ? body : forThemselves(body, caller);
        NewOrder newOrder = validator.toNewOrder(request);
        String trace = TraceParents.continueOrStart(traceParent);
        Supplier<ResponseEntity<OrderResponse>> place = () -> {
            var placed = OrderResponse.from(orders.place(newOrder, trace));
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
    OrderResponse get(@PathVariable UUID id, Caller caller) {
        return OrderResponse.from(orders.get(new OrderId(id), scope(caller)));
    }

    @GetMapping
    OrderResponse.Page search(
            @RequestParam(required = false) @Nullable String customerId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) @Nullable Integer size,
            Caller caller) {
        if (page < 0 || page > 1_000_000) {
            throw InvalidRequestException.of("page", "must be between 0 and 1000000");
        }
        int pageSize = size == null ? settings.defaultPageSize() : size;
        if (pageSize < 1 || pageSize > settings.maxPageSize()) {
            throw InvalidRequestException.of("size", "must be between 1 and " + settings.maxPageSize());
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
    OrderResponse pay(
            @PathVariable UUID id,
            @RequestHeader(name = TraceParents.HEADER, required = false) @Nullable String traceParent) {
        return OrderResponse.from(orders.pay(new OrderId(id), TraceParents.continueOrStart(traceParent)));
    }

    @PostMapping("/{id}/ship")
    OrderResponse ship(
            @PathVariable UUID id,
            @RequestHeader(name = TraceParents.HEADER, required = false) @Nullable String traceParent) {
        return OrderResponse.from(orders.ship(new OrderId(id), TraceParents.continueOrStart(traceParent)));
    }

    @PostMapping("/{id}/cancel")
    OrderResponse cancel(
            @PathVariable UUID id,
            @RequestBody(required = false) @Nullable CancelRequest request,
            @RequestHeader(name = TraceParents.HEADER, required = false) @Nullable String traceParent,
            Caller caller) {
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
        Order order = orders.cancel(new OrderId(id), scope(caller), reason, TraceParents.continueOrStart(traceParent));
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
