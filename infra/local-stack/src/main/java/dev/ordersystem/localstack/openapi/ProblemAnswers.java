package dev.ordersystem.localstack.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersystem.localstack.RawHttp;
import tools.jackson.databind.json.JsonMapper;

/** How every service answers a request it refuses: an RFC 9457 problem, whatever layer refused it. */
public final class ProblemAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemAnswers() {}

    /**
     * Asserts that {@code response} has the status and is {@code application/problem+json} with that status, a type of
     * the system's {@code urn:ordersystem:problem:} namespace and a title, and shows no exception or stack trace.
     */
    public static void assertProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        var problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("urn:ordersystem:problem:");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
