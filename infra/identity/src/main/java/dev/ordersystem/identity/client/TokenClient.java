package dev.ordersystem.identity.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets access tokens from an OAuth2/OIDC authorization server with the JDK's HTTP client; the endpoints come from the
 * issuer's OIDC discovery document. Thread-safe; one instance per issuer is enough.
 *
 * <ul>
 *   <li>{@link #clientCredentials} for machine clients (client secret over HTTP Basic);
 *   <li>{@link #login} for a user of a public client: a real authorization code flow with PKCE (S256) whose redirect
 *       goes to a listener on {@code 127.0.0.1} and an ephemeral port (RFC 8252); the client fills in the login form
 *       as a browser would. Written for this project's authorization server (Spring Security's login form);
 *   <li>{@link #browserLogin}: the same flow, with a person logging in in a browser.
 * </ul>
 */
public final class TokenClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI issuer;
    private final HttpClient http;
    private volatile @Nullable Endpoints endpoints;

    public TokenClient(URI issuer) {
        this.issuer = URI.create(issuer.toString().replaceAll("/+$", ""));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** An access token and when it expires. */
    public record AccessToken(String value, Instant expiresAt) {

        /** The value only, so that a token in a log line or an assertion message does not leak. */
        @Override
        public String toString() {
            return "AccessToken[expiresAt=" + expiresAt + "]";
        }
    }

    public URI issuer() {
        return issuer;
    }

    /** A token for a confidential machine client ({@code client_credentials} grant). */
    public AccessToken clientCredentials(String clientId, String secret, String... scopes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scopes.length > 0) {
            form.put("scope", String.join(" ", scopes));
        }
        String basic = Base64.getEncoder()
                .encodeToString((FormEncoding.encode(clientId) + ":" + FormEncoding.encode(secret))
                        .getBytes(StandardCharsets.UTF_8));
        return token(form, "Basic " + basic);
    }

    /**
     * A token for {@code username} through the public client {@code clientId}: authorization code flow with PKCE, the
     * login form filled in with {@code password}.
     *
     * @throws TokenRequestException if the login is refused (wrong password), the authorization server answers with
     *     an error, or anything takes longer than 10 seconds
     */
    public AccessToken login(String clientId, String username, String password, String... scopes) {
        return authorizationCode(
                clientId,
                scopes,
                TIMEOUT,
                (authorize, redirect) -> FormLogin.run(http, TIMEOUT, authorize, redirect, username, password));
    }

    /**
     * A token through the public client {@code clientId} for whoever logs in: the authorization URL goes to {@code
     * show} (to print it or open a browser), then this waits up to {@code timeout} for the browser's redirect.
     */
    public AccessToken browserLogin(String clientId, Consumer<URI> show, Duration timeout, String... scopes) {
        return authorizationCode(clientId, scopes, timeout, (authorize, redirect) -> show.accept(authorize));
    }

    private interface UserAgent {
        /** Takes the authorization request to the point where the server redirects to the listener. */
        void authorize(URI authorize, LoopbackRedirect redirect);
    }

    private AccessToken authorizationCode(String clientId, String[] scopes, Duration timeout, UserAgent userAgent) {
        String verifier = random();
        String state = random();
        try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", clientId);
            query.put("redirect_uri", redirect.uri().toString());
            if (scopes.length > 0) {
                query.put("scope", String.join(" ", scopes));
            }
            query.put("state", state);
            query.put("code_challenge", challenge(verifier));
            query.put("code_challenge_method", "S256");
            userAgent.authorize(URI.create(endpoints().authorization() + "?" + FormEncoding.encode(query)), redirect);
            Map<String, String> response = redirect.await(timeout);
            if (response.containsKey("error")) {
                throw new TokenRequestException("The authorization server refused the authorization request: "
                        + reason(response.get("error"), response.getOrDefault("error_description", "")));
            }
            String code = response.get("code");
            if (!state.equals(response.get("state")) || code == null) {
                throw new TokenRequestException("The authorization response has no code or a wrong state");
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "authorization_code");
            form.put("code", code);
            form.put("redirect_uri", redirect.uri().toString());
            form.put("client_id", clientId);
            form.put("code_verifier", verifier);
            return token(form, null);
        }
    }

    private AccessToken token(Map<String, String> form, @Nullable String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints().token())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = send(http, request.build());
        JsonNode body = json(response);
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new TokenRequestException("The token endpoint refused: HTTP " + response.statusCode() + " "
                    + reason(
                            body.path("error").asString(""),
                            body.path("error_description").asString("")));
        }
        return new AccessToken(
                body.get("access_token").asString(),
                Instant.now().plusSeconds(body.path("expires_in").asLong(0)));
    }

    private Endpoints endpoints() {
        Endpoints known = endpoints;
        if (known == null) {
            URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
            HttpResponse<String> response = send(
                    http,
                    HttpRequest.newBuilder(discovery)
                            .timeout(TIMEOUT)
                            .header("Accept", "application/json")
                            .build());
            JsonNode document = json(response);
            if (response.statusCode() != 200
                    || !document.hasNonNull("authorization_endpoint")
                    || !document.hasNonNull("token_endpoint")) {
                throw new TokenRequestException("No OIDC discovery document at " + discovery + ": HTTP "
                        + response.statusCode() + " " + excerpt(response.body()));
            }
            // OIDC Discovery 1.0, section 4.3: the document must be the issuer's own
            if (!issuer.toString().equals(document.path("issuer").asString(""))) {
                throw new TokenRequestException("The discovery document at " + discovery + " is for issuer '"
                        + document.path("issuer").asString("") + "', not " + issuer);
            }
            known = new Endpoints(
                    URI.create(document.get("authorization_endpoint").asString()),
                    URI.create(document.get("token_endpoint").asString()));
            endpoints = known;
        }
        return known;
    }

    private record Endpoints(URI authorization, URI token) {}

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new TokenRequestException("Not JSON from " + response.uri() + ": HTTP " + response.statusCode() + " "
                    + excerpt(response.body()));
        }
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenRequestException("No answer from " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException("Interrupted while calling " + request.uri(), e);
        }
    }

    /** An OAuth2 error code and its description, if any. */
    private static String reason(String error, String description) {
        return (error + " " + description).strip();
    }

    /** The start of a response body, for error messages. */
    static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    /** 32 random bytes, base64url: a PKCE code verifier (RFC 7636) or a state. */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
