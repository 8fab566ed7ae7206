package dev.matchflow.pubsub.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Pages through resources listed by name. The page token is the name of the first resource of the next page, so a
 * page stays correct when resources are created or deleted between two calls.
 */
final class Paging {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1_000;

    private Paging() {}

    /** One page of resources, and the token of the next page (empty on the last page). */
    record Page<T>(List<T> items, String nextPageToken) {}

    static <T> Page<T> page(NavigableMap<String, T> byName, String prefix, int pageSize, String pageToken) {
        if (!pageToken.isEmpty() && !pageToken.startsWith(prefix)) {
            throw ApiErrors.invalidArgument("Invalid page_token (page_token=" + pageToken
                    + "): pass the next_page_token of the previous response");
        }
        int size = pageSize <= 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        String start = pageToken.isEmpty() ? prefix : pageToken;
        List<T> items = new ArrayList<>();
        for (Map.Entry<String, T> entry : byName.tailMap(start, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            if (items.size() == size) {
                return new Page<>(items, entry.getKey());
            }
            items.add(entry.getValue());
        }
        return new Page<>(items, "");
    }
}
