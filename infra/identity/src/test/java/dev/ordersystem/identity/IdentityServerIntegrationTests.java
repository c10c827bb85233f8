package dev.ordersystem.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The contract of the authorization server, over real HTTP: what the services and their tests rely on. */
class IdentityServerIntegrationTests {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IdentityServer identity = TestIdentity.server();

    @Test
    void announcesItsIssuerAndEndpointsInTheDiscoveryDocument() throws Exception {
        String issuer = identity.issuer().toString();
        assertThat(issuer).matches("http://localhost:\\d+");

        JsonNode discovery = json(get("/.well-known/openid-configuration"));

        assertThat(discovery.path("issuer").asString()).isEqualTo(issuer);
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(discovery.path("authorization_endpoint").asString()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
        assertThat(discovery.path("end_session_endpoint").asString()).isEqualTo(issuer + "/connect/logout");
        assertThat(discovery.path("code_challenge_methods_supported").toString())
                .contains("S256");
    }

    @Test
    void publishesOneRsaSigningKey() throws Exception {
        JWKSet keys = JWKSet.parse(get("/oauth2/jwks").body());

        assertThat(keys.getKeys()).singleElement().satisfies(key -> {
            assertThat(key).isInstanceOf(RSAKey.class);
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyID()).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0} gets scope {1}")
    @CsvSource({"payment-service, orders.pay", "warehouse, orders.ship"})
    void givesMachineClientsTheirScopeAndNoUserClaims(String client, String scope) throws Exception {
        JWTClaimsSet claims = TestIdentity.verify(identity.issuer(), identity.clientToken(client));

        assertThat(claims.getSubject()).isEqualTo(client);
        assertThat(claims.getStringListClaim("scope")).containsExactly(scope);
        assertThat(claims.getClaims()).doesNotContainKeys(UserClaims.ROLES, UserClaims.EMAIL);
    }

    static Stream<Arguments> users() {
        return Stream.of(
                arguments("ada", "ada@example.com", List.of("customer")),
                arguments("grace", "grace@example.com", List.of("customer")),
                arguments("linus", "linus@example.com", List.of("customer")),
                arguments("sam", null, List.of("staff")),
                arguments("olga", null, List.of("operator", "viewer")),
                arguments("victor", null, List.of("viewer")));
    }

    @ParameterizedTest(name = "{0}: email {1}, roles {2}")
    @MethodSource("users")
    void logsEachUserInAndPutsSubjectEmailAndRolesIntoTheAccessToken(String user, String email, List<String> roles)
            throws Exception {
        JWTClaimsSet claims = TestIdentity.verify(identity.issuer(), identity.userToken(user));

        assertThat(claims.getSubject()).isEqualTo(user);
        assertThat(claims.getStringClaim(UserClaims.EMAIL)).isEqualTo(email);
        assertThat(claims.getStringListClaim(UserClaims.ROLES)).containsExactlyElementsOf(roles);
        assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("openid", "profile", "email");
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void answersTheUserInfoEndpointForAUsersToken() throws Exception {
        HttpResponse<String> response = HTTP.send(
                request("/userinfo")
                        .header("Authorization", "Bearer " + identity.customerToken("ada"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("sub").asString()).isEqualTo("ada");
        assertThat(json(response).path("email").asString()).isEqualTo("ada@example.com");
    }

    @ParameterizedTest(name = "{0} -> HTTP {1}")
    @CsvSource({
        // loopback IP literal: any port (RFC 8252), the anonymous request goes on to the login page
        "http://127.0.0.1:54321/callback, 302",
        "http://127.0.0.1:61000/callback, 302",
        // anything else must match a registered URI exactly
        "http://127.0.0.1:54321/elsewhere, 400",
        "http://localhost:54321/callback, 400",
        "http://attacker.example/callback, 400"
    })
    void acceptsOnlyRegisteredRedirectsWithAnyPortForTheLoopbackAddress(String redirectUri, int status)
            throws Exception {
        String query = "response_type=code&client_id=order-cli&scope=openid&state=s&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&redirect_uri=" + redirectUri;

        HttpResponse<String> response = HTTP.send(
                request("/oauth2/authorize?" + query)
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        if (status == 302) {
            assertThat(response.headers().firstValue("Location")).hasValue(identity.issuer() + "/login");
        } else {
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void rejectsATamperedToken() throws Exception {
        String token = identity.customerToken("ada");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"sub\":\"grace\",\"iss\":\"x\"}".getBytes())
                + "." + parts[2];

        assertThatThrownBy(() -> TestIdentity.verify(identity.issuer(), forged)).hasMessageContaining("signature");
    }

    @Test
    void signsClaimsWithItsRealKeyAndTheGivenLifetime() throws Exception {
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plusSeconds(120);

        String token = identity.sign(Map.of("sub", "ada", "roles", List.of("customer")), issuedAt, expiresAt);

        JWTClaimsSet claims = TestIdentity.verify(identity.issuer(), token);
        assertThat(claims.getSubject()).isEqualTo("ada");
        assertThat(claims.getStringListClaim("roles")).containsExactly("customer");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(issuedAt);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(expiresAt);
    }

    @Test
    void signsAnExpiredTokenThatIsValidInEveryOtherWay() throws Exception {
        Instant issuedAt = Instant.now().minus(Duration.ofHours(1));

        String expired = identity.sign(Map.of("sub", "ada"), issuedAt, issuedAt.plus(Duration.ofMinutes(15)));

        SignedJWT jwt = SignedJWT.parse(expired);
        RSAKey key = JWKSet.parse(get("/oauth2/jwks").body())
                .getKeyByKeyId(jwt.getHeader().getKeyID())
                .toRSAKey();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer())
                .isEqualTo(identity.issuer().toString());
        assertThatThrownBy(() -> TestIdentity.verify(identity.issuer(), expired))
                .hasMessageContaining("Expired");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/actuator/health/liveness", "/actuator/health/readiness"})
    void servesTheHealthProbesToAnyone(String probe) throws Exception {
        HttpResponse<String> response = get(probe);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void sendsAnonymousBrowsersToTheLoginForm() throws Exception {
        HttpResponse<String> response =
                HTTP.send(request("/").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue(identity.issuer() + "/login");
    }

    @ParameterizedTest(name = "{0} from {1} -> HTTP {2}")
    @CsvSource({
        "/oauth2/token, http://localhost:8080, 200",
        "/oauth2/token, http://localhost:8081, 200",
        "/.well-known/openid-configuration, http://localhost:8080, 200",
        "/oauth2/token, http://attacker.example, 403"
    })
    void letsTheConfiguredBrowserOriginsCallTheTokenEndpoint(String path, String origin, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(
                request(path)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                .isEqualTo(status == 200 ? java.util.Optional.of(origin) : java.util.Optional.empty());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(identity.issuer() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
