package dev.ordersystem.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MachineTests {

    @Test
    void theJitCompilersOfThisJvmHaveTakenSomeOfItsCpuAndAProcessThatIsGoneNone() {
        long hot = IntStream.range(0, 5_000_000)
                .mapToLong(i -> Integer.toString(i).hashCode())
                .sum();
        long self = ProcessHandle.current().pid();

        double compilers = Machine.compilerCpuSeconds(self);

        assertThat(hot).isNotZero();
        assertThat(compilers).isPositive().isLessThanOrEqualTo(Machine.cpuSeconds(self, false));
        assertThat(Machine.compilerCpuSeconds(Integer.MAX_VALUE)).isZero();
    }

    @Test
    void theShareOfBusyCoresIsBetweenNoneAndAll() {
        Machine.CoreTime start = Machine.CoreTime.now();
        long spin = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < spin) {
            Thread.onSpinWait();
        }

        double busy = Machine.CoreTime.now().busyShareSince(start);

        assertThat(busy).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        assertThat(start.busyShareSince(start)).isNaN();
    }
}
