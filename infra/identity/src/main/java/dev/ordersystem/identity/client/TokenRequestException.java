package dev.ordersystem.identity.client;

/** A token could not be obtained: refused credentials, an error from the authorization server, no answer in time. */
public class TokenRequestException extends RuntimeException {

    public TokenRequestException(String message) {
        super(message);
    }

    public TokenRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
