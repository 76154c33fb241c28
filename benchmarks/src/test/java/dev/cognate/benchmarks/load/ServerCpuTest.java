package dev.cognate.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerCpuTest {

    @Test
    void addsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 123 0 0 0 1500 250 7 9 20 0 61 0 100 0 0";

        assertThat(ServerCpu.parse(stat)).isEqualTo(1750);
    }

    @Test
    void readsThisJvmsOwnCpuTime() {
        ServerCpu self = new ServerCpu(ProcessHandle.current().pid());
        assertThat(self.seconds()).isPositive();
    }

    @Test
    void refusesAProcessThatIsNotThere() {
        assertThatThrownBy(() -> new ServerCpu(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--server-pid");
    }
}
