package dev.ordersystem.orders.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import dev.ordersystem.localstack.LocalStack;
import dev.ordersystem.localstack.LocalStackOptions;
import dev.ordersystem.orders.OrderServiceApplication;
import dev.ordersystem.orders.support.ApiClient;
import dev.ordersystem.orders.support.TestCaller;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A quick local check of what token validation costs the order API (not a test, so {@code verify} does not run it):
 * the same requests, as customer ada, against two instances of the service on one local stack, one validating every
 * bearer token as configured (RS256 signature with the issuer's key, {@code iss}, {@code exp}) and one whose decoder
 * only parses it. After a warm-up, rounds alternate between the two (ABBA); it prints the requests per second of each
 * and the difference.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl order-service -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp order-service/target/test-classes:order-service/target/classes:$(cat order-service/target/test-classpath.txt) \
 *     dev.ordersystem.orders.security.AuthenticationCostCheck [seconds per round] [rounds] [threads]
 * </pre>
 */
public final class AuthenticationCostCheck {

    private AuthenticationCostCheck() {}

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Duration round = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 10);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests());
                ConfigurableApplicationContext validating = start(stack, OrderServiceApplication.class);
                ConfigurableApplicationContext parsing = start(stack, ParseOnly.class)) {
            String token = TestCaller.ADA.token();
            ApiClient validated = new ApiClient(port(validating), token);
            ApiClient parsed = new ApiClient(port(parsing), token);
            String body = "{\"currency\": \"EUR\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1, \"unitPrice\": 1}]}";
            String order = validated
                    .postJson("/orders", body)
                    .headers()
                    .firstValue("Location")
                    .orElseThrow();
            Map<String, Function<ApiClient, HttpResponse<String>>> requests = new LinkedHashMap<>();
            requests.put("GET /orders/{id}", api -> api.get(order));
            requests.put("GET /orders?size=5", api -> api.get("/orders?size=5"));
            requests.put("POST /orders", api -> api.postJson("/orders", body));
            decodeTime(validating.getBean(JwtDecoder.class), token);
            for (var request : requests.entrySet()) {
                measure(request.getKey() + " (warm-up)", validated, parsed, request.getValue(), round, 2, threads);
                measure(request.getKey(), validated, parsed, request.getValue(), round, rounds, threads);
            }
        }
    }

    /** The time one validation of the token takes, on one thread, once the JIT has compiled it. */
    private static void decodeTime(JwtDecoder decoder, String token) {
        for (int round = 0; round < 3; round++) {
            int count = 20_000;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                decoder.decode(token);
            }
            System.out.printf("token validation: %.1f µs per token%n", (System.nanoTime() - start) / 1e3 / count);
        }
    }

    private static void measure(
            String name,
            ApiClient validated,
            ApiClient parsed,
            Function<ApiClient, HttpResponse<String>> request,
            Duration round,
            int rounds,
            int threads)
            throws Exception {
        double withValidation = 0;
        double withoutValidation = 0;
        for (int i = 0; i < rounds; i++) {
            // ABBA: neither instance always runs first, while the JIT and the database warm up
            if (i % 2 == 0) {
                withValidation += throughput(validated, request, round, threads);
                withoutValidation += throughput(parsed, request, round, threads);
            } else {
                withoutValidation += throughput(parsed, request, round, threads);
                withValidation += throughput(validated, request, round, threads);
            }
        }
        withValidation /= rounds;
        withoutValidation /= rounds;
        System.out.printf(
                "%-30s validating %8.1f req/s, parsing only %8.1f req/s: validation costs %5.1f%% of the throughput%n",
                name, withValidation, withoutValidation, 100 * (1 - withValidation / withoutValidation));
    }

    /** Requests per second that {@code threads} closed-loop clients get for the duration. */
    private static double throughput(
            ApiClient api, Function<ApiClient, HttpResponse<String>> request, Duration duration, int threads)
            throws Exception {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpResponse<String> response = request.apply(api);
                        if (response.statusCode() / 100 != 2) {
                            throw new IllegalStateException(response.statusCode() + " " + response.body());
                        }
                        done.increment();
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return done.sum() / (duration.toNanos() / 1e9);
    }

    private static ConfigurableApplicationContext start(LocalStack stack, Class<?> source) {
        Map<String, Object> properties = new HashMap<>(stack.springProperties("orders"));
        properties.put("server.port", 0);
        properties.put("orders.relay.enabled", false);
        properties.put("spring.profiles.active", "test");
        properties.put(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                TestCaller.server().issuer().toString());
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(OrderServiceApplication.class, source).run(arguments);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The service with a decoder that parses tokens without checking signature, issuer or expiry. */
    static class ParseOnly {

        @Bean
        JwtDecoder parseOnlyJwtDecoder() {
            return token -> {
                try {
                    JWT jwt = JWTParser.parse(token);
                    Map<String, Object> claims = jwtClaims(jwt);
                    return Jwt.withTokenValue(token)
                            .headers(headers -> headers.putAll(jwt.getHeader().toJSONObject()))
                            .claims(all -> all.putAll(claims))
                            .build();
                } catch (ParseException e) {
                    throw new BadJwtException("Not a JWT", e);
                }
            };
        }

        private static Map<String, Object> jwtClaims(JWT jwt) throws ParseException {
            Map<String, Object> claims = new HashMap<>(jwt.getJWTClaimsSet().getClaims());
            // Spring's Jwt wants instants for the time claims, as its own decoder converts them
            claims.computeIfPresent("iat", (name, date) -> ((Date) date).toInstant());
            claims.computeIfPresent("exp", (name, date) -> ((Date) date).toInstant());
            claims.computeIfPresent("nbf", (name, date) -> ((Date) date).toInstant());
            return claims;
        }
    }
}
