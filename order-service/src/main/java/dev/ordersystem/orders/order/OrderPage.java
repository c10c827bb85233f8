package dev.ordersystem.orders.order;

import java.util.List;

/** One page of a search, with the total number of matches. */
public record OrderPage(List<Order> content, int page, int size, long totalElements) {

    public OrderPage {
        content = List.copyOf(content);
    }

    public long totalPages() {
        return (totalElements + size - 1) / size;
    }
}
