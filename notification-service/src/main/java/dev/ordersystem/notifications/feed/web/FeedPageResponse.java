package dev.ordersystem.notifications.feed.web;

import dev.ordersystem.notifications.feed.FeedPage;
import java.util.List;

/** One page of the feed, newest first. */
record FeedPageResponse(List<NotificationResponse> items, int page, int size, long totalItems, long totalPages) {

    static FeedPageResponse of(FeedPage page) {
        return new FeedPageResponse(
                page.items().stream().map(NotificationResponse::of).toList(),
                page.page(),
                page.size(),
                page.totalItems(),
                page.totalPages());
    }
}
