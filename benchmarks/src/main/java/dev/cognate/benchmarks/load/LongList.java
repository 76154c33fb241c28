package dev.cognate.benchmarks.load;

import java.util.Arrays;

/** A growable array of {@code long}: one per worker thread, so recording a latency never contends or boxes. */
final class LongList {

    private long[] values = new long[4096];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** All values of all lists, in one new array. */
    static long[] concat(Iterable<LongList> lists) {
        int total = 0;
        for (LongList list : lists) {
            total += list.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LongList list : lists) {
            System.arraycopy(list.values, 0, all, at, list.size);
            at += list.size;
        }
        return all;
    }
}
