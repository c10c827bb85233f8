package dev.ordersystem.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class StackModeTests {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;

    @Test
    void systemPropertyBeatsEnvironmentVariable() {
        assertThat(StackMode.choose("local", "testcontainers", DOCKER)).isEqualTo(StackMode.LOCAL);
        assertThat(StackMode.choose("testcontainers", "local", NO_DOCKER)).isEqualTo(StackMode.TESTCONTAINERS);
    }

    @Test
    void environmentVariableCountsWhenSystemPropertyIsUnsetOrBlank() {
        assertThat(StackMode.choose(null, "local", DOCKER)).isEqualTo(StackMode.LOCAL);
        assertThat(StackMode.choose(" ", "testcontainers", NO_DOCKER)).isEqualTo(StackMode.TESTCONTAINERS);
    }

    @Test
    void valuesAreCaseInsensitive() {
        assertThat(StackMode.choose("LOCAL", null, DOCKER)).isEqualTo(StackMode.LOCAL);
        assertThat(StackMode.choose(null, "TestContainers", NO_DOCKER)).isEqualTo(StackMode.TESTCONTAINERS);
    }

    @Test
    void autoOrUnsetUsesTestcontainersOnlyWhenDockerIsReachable() {
        assertThat(StackMode.choose("auto", null, DOCKER)).isEqualTo(StackMode.TESTCONTAINERS);
        assertThat(StackMode.choose("auto", null, NO_DOCKER)).isEqualTo(StackMode.LOCAL);
        assertThat(StackMode.choose(null, null, DOCKER)).isEqualTo(StackMode.TESTCONTAINERS);
        assertThat(StackMode.choose(null, "", NO_DOCKER)).isEqualTo(StackMode.LOCAL);
    }

    @Test
    void asksForDockerOnlyInAutoMode() {
        AtomicBoolean asked = new AtomicBoolean();
        BooleanSupplier docker = () -> {
            asked.set(true);
            return true;
        };

        StackMode.choose("local", null, docker);
        StackMode.choose(null, "testcontainers", docker);

        assertThat(asked).isFalse();
    }

    @Test
    void rejectsUnknownValueNamingTheValidOnes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StackMode.choose("docker", "local", NO_DOCKER))
                .withMessageContaining("'docker'")
                .withMessageContaining("local, testcontainers and auto");
    }

    @Test
    void dockerCheckAnswersQuicklyWithoutADaemon() {
        long started = System.nanoTime();

        boolean available = Docker.isAvailable();

        // this only proves something where no daemon runs (as on the build machine); elsewhere it just passes
        if (!available) {
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
        }
    }
}
