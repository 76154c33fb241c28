package dev.cognate.awsprotocol;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list: the items shown and the opaque token of the next page
 * ({@code null} on the last). Repositories fetch {@code limit + 1} rows after the decoded token's
 * key; the extra row only tells that more follow.
 */
public record Page<T>(List<T> items, String nextToken) {

    /**
     * @param fetched up to {@code limit + 1} rows in key order
     * @param key     the sort key of a row, encoded into the next token
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> shown = fetched.subList(0, limit);
        return new Page<>(shown, PaginationToken.encode(key.apply(shown.get(limit - 1))));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextToken);
    }
}
