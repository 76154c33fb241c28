package dev.cognate.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencySummaryTest {

    @Test
    void nearestRankOnOneToHundred() {
        long[] samples = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // unsorted on purpose
        LatencySummary summary = LatencySummary.of(samples);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50);
        assertThat(summary.p90()).isEqualTo(90);
        assertThat(summary.p99()).isEqualTo(99);
        assertThat(summary.max()).isEqualTo(100);
        assertThat(summary.mean()).isEqualTo(50.5);
    }

    @Test
    void percentilesAreObservedSamplesRoundedUpInRank() {
        long[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 1000};

        assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(50);  // rank ceil(5.0) = 5
        assertThat(LatencySummary.percentile(sorted, 51)).isEqualTo(60);  // rank ceil(5.1) = 6
        assertThat(LatencySummary.percentile(sorted, 90)).isEqualTo(90);  // rank 9
        assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(1000); // rank ceil(9.9) = 10
        assertThat(LatencySummary.percentile(sorted, 100)).isEqualTo(1000);
        assertThat(LatencySummary.percentile(sorted, 0.1)).isEqualTo(10);
    }

    @Test
    void oneSampleIsEveryPercentileAndNoSamplesIsZero() {
        assertThat(LatencySummary.of(new long[] {7})).isEqualTo(new LatencySummary(1, 7, 7, 7, 7, 7.0));
        assertThat(LatencySummary.of(new long[0])).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0));
        assertThatThrownBy(() -> LatencySummary.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencySummary.percentile(new long[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workerListsAreConcatenated() {
        LongList a = new LongList();
        LongList b = new LongList();
        for (int i = 0; i < 5000; i++) {
            a.add(i);
        }
        b.add(-1);

        long[] all = LongList.concat(java.util.List.of(a, b));

        assertThat(all).hasSize(5001);
        assertThat(all[4999]).isEqualTo(4999);
        assertThat(all[5000]).isEqualTo(-1);
    }
}
