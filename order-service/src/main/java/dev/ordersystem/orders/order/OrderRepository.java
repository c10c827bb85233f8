package dev.ordersystem.orders.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain-JDBC persistence of orders and their lines. */
@Repository
class OrderRepository {

    private static final String SELECT_ORDER = "select id, customer_id, customer_email, currency, status,"
            + " cancel_reason, created_at, updated_at from orders";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Order order) {
        jdbc.sql("insert into orders (id, customer_id, customer_email, currency, total, status, cancel_reason,"
                        + " created_at, updated_at) values (:id, :customerId, :email, :currency, :total, :status,"
                        + " :reason, :createdAt, :updatedAt)")
                .param("id", order.id().value())
                .param("customerId", order.customerId())
                .param("email", order.customerEmail())
                .param("currency", order.currency().getCurrencyCode())
                .param("total", order.total())
                .param("status", order.status().name())
                .param("reason", order.cancelReason())
                .param("createdAt", Timestamp.from(order.createdAt()))
                .param("updatedAt", Timestamp.from(order.updatedAt()))
                .update();
        // all lines in one statement: one round trip however many lines the order has
        List<OrderLine> lines = order.lines();
        StringJoiner values = new StringJoiner(", ");
        Map<String, Object> params = new HashMap<>();
        params.put("orderId", order.id().value());
        for (int i = 0; i < lines.size(); i++) {
            values.add("(:orderId, " + (i + 1) + ", :sku" + i + ", :quantity" + i + ", :unitPrice" + i + ")");
            params.put("sku" + i, lines.get(i).sku());
            params.put("quantity" + i, lines.get(i).quantity());
            params.put("unitPrice" + i, lines.get(i).unitPrice());
        }
        jdbc.sql("insert into order_lines (order_id, line_no, sku, quantity, unit_price) values " + values)
                .params(params)
                .update();
    }

    void updateStatus(Order order) {
        jdbc.sql("update orders set status = :status, cancel_reason = :reason, updated_at = :updatedAt where id = :id")
                .param("status", order.status().name())
                .param("reason", order.cancelReason())
                .param("updatedAt", Timestamp.from(order.updatedAt()))
                .param("id", order.id().value())
                .update();
    }

    Optional<Order> find(OrderId id) {
        return findOne(SELECT_ORDER + " where id = :id", id);
    }

    /** Loads the order and locks its row until the transaction ends, so concurrent transitions serialise. */
    Optional<Order> findForUpdate(OrderId id) {
        return findOne(SELECT_ORDER + " where id = :id for update", id);
    }

    private Optional<Order> findOne(String sql, OrderId id) {
        List<OrderHead> heads = jdbc.sql(sql)
                .param("id", id.value())
                .query(OrderRepository::head)
                .list();
        return heads.stream()
                .findFirst()
                .map(head -> head.toOrder(linesOf(List.of(head.id())).getOrDefault(head.id(), List.of())));
    }

    /** One page of orders, newest first, optionally filtered by customer and status. */
    List<Order> search(@Nullable String customerId, @Nullable OrderStatus status, int offset, int limit) {
        List<OrderHead> heads = jdbc.sql(SELECT_ORDER + filter(customerId, status)
                        + " order by created_at desc, id limit :limit offset :offset")
                .params(filterParams(customerId, status))
                .param("limit", limit)
                .param("offset", offset)
                .query(OrderRepository::head)
                .list();
        Map<UUID, List<OrderLine>> lines =
                linesOf(heads.stream().map(OrderHead::id).toList());
        return heads.stream()
                .map(head -> head.toOrder(lines.getOrDefault(head.id(), List.of())))
                .toList();
    }

    long count(@Nullable String customerId, @Nullable OrderStatus status) {
        return jdbc.sql("select count(*) from orders" + filter(customerId, status))
                .params(filterParams(customerId, status))
                .query(Long.class)
                .single();
    }

    private static String filter(@Nullable String customerId, @Nullable OrderStatus status) {
        List<String> conditions = new ArrayList<>();
        if (customerId != null) {
            conditions.add("customer_id = :customerId");
        }
        if (status != null) {
            conditions.add("status = :status");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static Map<String, Object> filterParams(@Nullable String customerId, @Nullable OrderStatus status) {
        Map<String, Object> params = new HashMap<>();
        if (customerId != null) {
            params.put("customerId", customerId);
        }
        if (status != null) {
            params.put("status", status.name());
        }
        return params;
    }

    private Map<UUID, List<OrderLine>> linesOf(List<UUID> orderIds) {
        Map<UUID, List<OrderLine>> lines = new HashMap<>();
        if (orderIds.isEmpty()) {
            return lines;
        }
        jdbc.sql("select order_id, sku, quantity, unit_price from order_lines where order_id in (:ids)"
                        + " order by order_id, line_no")
                .param("ids", orderIds)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getObject("order_id", UUID.class), id -> new ArrayList<>())
                            .add(new OrderLine(
                                    rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price")));
                });
        return lines;
    }

    private static OrderHead head(ResultSet rs, int row) throws SQLException {
        return new OrderHead(
                rs.getObject("id", UUID.class),
                rs.getString("customer_id"),
                rs.getString("customer_email"),
                Currency.getInstance(rs.getString("currency")),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("cancel_reason"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private record OrderHead(
            UUID id,
            String customerId,
            String customerEmail,
            Currency currency,
            OrderStatus status,
            @Nullable String cancelReason,
            Instant createdAt,
            Instant updatedAt) {

        Order toOrder(List<OrderLine> lines) {
            int scale = currency.getDefaultFractionDigits();
            List<OrderLine> scaled = lines.stream()
                    .map(line -> new OrderLine(line.sku(), line.quantity(), normalise(line.unitPrice(), scale)))
                    .toList();
            return new Order(
                    new OrderId(id),
                    customerId,
                    customerEmail,
                    currency,
                    scaled,
                    status,
                    cancelReason,
                    createdAt,
                    updatedAt);
        }

        private static BigDecimal normalise(BigDecimal stored, int scale) {
            return stored.setScale(scale);
        }
    }
}
