package dev.ordersystem.notifications.feed;

import java.util.List;

/** One page of a customer's feed, newest first. */
public record FeedPage(List<FeedEntry> items, int page, int size, long totalItems) {

    public FeedPage {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return (totalItems + size - 1) / size;
    }
}
