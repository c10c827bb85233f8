package dev.ordersystem.localstack.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks real exchanges with a service against its OpenAPI document (Atlassian's swagger-request-validator): the
 * response must be one the document lists for the operation, with its media type, headers and schema; and a request
 * that the document says is invalid (a hostile input, a missing token) must have been refused with a 4xx. Requests to
 * paths or methods the document does not have (actuator, unknown paths) are not checked.
 */
public final class OpenApiContract {

    private static final Map<Path, OpenApiContract> CONTRACTS = new ConcurrentHashMap<>();
    private static final Set<String> NOT_AN_OPERATION =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private final OpenApiInteractionValidator validator;

    private OpenApiContract(Path document) {
        this.validator = OpenApiInteractionValidator.createForSpecificationUrl(
                        document.toUri().toString())
                .build();
    }

    /**
     * Checks the response and the request that it answers against the document (read once per JVM); nothing while the
     * committed documents are being rewritten ({@link CommittedApiDocument#UPDATE}).
     *
     * @throws AssertionError listing what contradicts the document
     */
    public static void check(Path document, HttpResponse<String> response) {
        if (!Boolean.getBoolean(CommittedApiDocument.UPDATE)) {
            CONTRACTS
                    .computeIfAbsent(document.toAbsolutePath(), OpenApiContract::new)
                    .check(response);
        }
    }

    private void check(HttpResponse<String> response) {
        HttpRequest sent = response.request();
        Request.Method method;
        try {
            method = Request.Method.valueOf(sent.method());
        } catch (IllegalArgumentException e) {
            return; // a method no document can have
        }
        String path = sent.uri().getRawPath();
        var request = new SimpleRequest.Builder(method, path);
        sent.headers().map().forEach(request::withHeader);
        queryParameters(sent.uri().getRawQuery()).forEach(request::withQueryParam);
        String body = bodyOf(sent);
        if (body != null) {
            request.withBody(body);
        }
        ValidationReport requestReport = validator.validateRequest(request.build());
        if (requestReport.getMessages().stream().anyMatch(m -> NOT_AN_OPERATION.contains(m.getKey()))) {
            return;
        }
        var answer = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach(answer::withHeader);
        ValidationReport responseReport = validator.validateResponse(path, method, answer.build());

        List<String> violations = new ArrayList<>();
        responseReport.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> violations.add("response: " + m.getMessage()));
        if (requestReport.hasErrors() && (response.statusCode() < 400 || response.statusCode() >= 500)) {
            requestReport.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(m -> violations.add(
                            "request, answered " + response.statusCode() + " instead of a 4xx: " + m.getMessage()));
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("%s %s answered %d %s contradicts the OpenAPI document:%n  %s"
                    .formatted(
                            method,
                            sent.uri(),
                            response.statusCode(),
                            response.body(),
                            String.join(System.lineSeparator() + "  ", violations)));
        }
    }

    private static Map<String, List<String>> queryParameters(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(rawQuery.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.groupingBy(
                        pair -> decode(pair[0]),
                        Collectors.mapping(pair -> pair.length > 1 ? decode(pair[1]) : "", Collectors.toList())));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** The body that was sent: the request's body publisher, read once more. */
    private static @Nullable String bodyOf(HttpRequest request) {
        var publisher = request.bodyPublisher().filter(p -> p.contentLength() != 0);
        if (publisher.isEmpty()) {
            return null;
        }
        var text = HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        publisher.get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                text.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer bytes) {
                text.onNext(List.of(bytes));
            }

            @Override
            public void onError(Throwable error) {
                text.onError(error);
            }

            @Override
            public void onComplete() {
                text.onComplete();
            }
        });
        return text.getBody().toCompletableFuture().join();
    }
}
