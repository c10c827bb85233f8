package dev.ordersystem.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Set;

/** One authorization server for the test classes of this JVM, and token validation as a resource server does it. */
public final class TestIdentity {

    private static IdentityServer shared;

    private TestIdentity() {}

    /** The shared server, started on first use; the JVM's shutdown closes it. */
    public static synchronized IdentityServer server() {
        if (shared == null) {
            shared = IdentityServer.start();
        }
        return shared;
    }

    /**
     * The claims of a token after the checks of a resource server configured with the issuer alone: RS256 signature by
     * a key of the issuer's JWKS, {@code iss}, {@code exp} and {@code nbf}.
     */
    public static JWTClaimsSet verify(URI issuer, String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                JWSAlgorithm.RS256, JWKSourceBuilder.create(jwks(issuer)).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer.toString()).build(), Set.of("sub", "iat", "exp")));
        return processor.process(token, null);
    }

    private static java.net.URL jwks(URI issuer) throws MalformedURLException {
        return URI.create(issuer + "/oauth2/jwks").toURL();
    }
}
