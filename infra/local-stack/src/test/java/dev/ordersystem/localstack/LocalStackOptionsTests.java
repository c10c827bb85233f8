package dev.ordersystem.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTests {

    @Test
    void keepsTheSeparateServersThroughTheOtherCopies() {
        LocalStackOptions options = LocalStackOptions.forTests()
                .withSeparateServers("notifications")
                .withPorts(5433, 9093)
                .withMode(StackMode.LOCAL);

        assertThat(options.separateServerDatabases()).containsExactly("notifications");
        assertThat(LocalStackOptions.defaults().separateServerDatabases()).isEmpty();
    }

    @Test
    void rejectsASeparateServerForADatabaseThatIsNotCreated() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalStackOptions.forTests().withSeparateServers("billing"))
                .withMessageContaining("billing");
    }
}
