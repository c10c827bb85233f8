package dev.ordersystem.orders.order.web;

import dev.ordersystem.orders.idempotency.IdempotencyKeys;
import dev.ordersystem.orders.idempotency.IdempotencyKeys.StoredResponse;
import dev.ordersystem.orders.order.NewOrder;
import dev.ordersystem.orders.order.Order;
import dev.ordersystem.orders.order.OrderId;
import dev.ordersystem.orders.order.OrderService;
import dev.ordersystem.orders.order.OrderStatus;
import dev.ordersystem.orders.web.InvalidRequestException;
import dev.ordersystem.orders.web.TraceParents;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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
import tools.jackson.databind.json.JsonMapper;

/** The order API: place, read, search, pay, ship and cancel orders. */
@RestController
@RequestMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_PAGE_SIZE = 100;
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final OrderService orders;
    private final OrderRequestValidator validator;
    private final IdempotencyKeys idempotencyKeys;
    private final JsonMapper json;

    OrderController(
            OrderService orders, OrderRequestValidator validator, IdempotencyKeys idempotencyKeys, JsonMapper json) {
        this.orders = orders;
        this.validator = validator;
        this.idempotencyKeys = idempotencyKeys;
        this.json = json;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderResponse> place(
            @RequestBody CreateOrderRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
            @RequestHeader(name = TraceParents.HEADER, required = false) @Nullable String traceParent) {
        if (idempotencyKey != null && !VALID_KEY.matcher(idempotencyKey).matches()) {
            throw InvalidRequestException.of(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        }
        NewOrder newOrder = validator.toNewOrder(request);
        String trace = TraceParents.continueOrStart(traceParent);
        if (idempotencyKey == null) {
            return created(OrderResponse.from(orders.place(newOrder, trace)));
        }
        var outcome = idempotencyKeys.execute(idempotencyKey, hash(request), () -> {
            var body = OrderResponse.from(orders.place(newOrder, trace));
            return new StoredResponse(
                    HttpStatus.CREATED.value(), location(body.id()).toString(), json.writeValueAsString(body));
        });
        StoredResponse stored = outcome.response();
        return ResponseEntity.status(stored.status())
                .header("Location", stored.location())
                .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
                .body(json.readValue(stored.body(), OrderResponse.class));
    }

    @GetMapping("/{id}")
    OrderResponse get(@PathVariable UUID id) {
        return OrderResponse.from(orders.get(new OrderId(id)));
    }

    @GetMapping
    OrderResponse.Page search(
            @RequestParam(required = false) @Nullable String customerId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || page > 1_000_000) {
            throw InvalidRequestException.of("page", "must be between 0 and 1000000");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw InvalidRequestException.of("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (customerId != null && (customerId.isBlank() || customerId.length() > 64)) {
            throw InvalidRequestException.of("customerId", "must be 1 to 64 characters");
        }
        return OrderResponse.Page.from(orders.search(customerId, parseStatus(status), page, size));
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
            @RequestHeader(name = TraceParents.HEADER, required = false) @Nullable String traceParent) {
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
        Order order = orders.cancel(new OrderId(id), reason, TraceParents.continueOrStart(traceParent));
        return OrderResponse.from(order);
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

    private static ResponseEntity<OrderResponse> created(OrderResponse body) {
        return ResponseEntity.created(location(body.id())).body(body);
    }

    private static URI location(UUID id) {
        return URI.create("/orders/" + id);
    }

    /** SHA-256 of the request as parsed, so formatting differences do not count as a different body. */
    private String hash(CreateOrderRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
