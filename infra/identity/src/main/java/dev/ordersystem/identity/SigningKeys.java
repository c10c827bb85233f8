package dev.ordersystem.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.pem.PemContent;

/** The RSA key that signs the tokens (RS256): loaded from a PEM file, or generated for this run only. */
final class SigningKeys {

    private SigningKeys() {}

    /** The key of {@code pemFile}, or a new 2048-bit key if there is no file; its id is its RFC 7638 thumbprint. */
    static RSAKey load(@Nullable Path pemFile) {
        try {
            KeyPair pair = pemFile == null ? generate() : read(pemFile);
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey(pair.getPrivate())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("No RSA signing key: " + e.getMessage(), e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The private key of the file and the public key that belongs to it (modulus and public exponent). */
    private static KeyPair read(Path pemFile) throws GeneralSecurityException {
        PrivateKey privateKey;
        try {
            privateKey = PemContent.load(pemFile).getPrivateKey();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key " + pemFile, e);
        }
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("The signing key " + pemFile + " is not an RSA private key (PEM)");
        }
        RSAPublicKeySpec publicKey = new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent());
        return new KeyPair(KeyFactory.getInstance("RSA").generatePublic(publicKey), privateKey);
    }
}
