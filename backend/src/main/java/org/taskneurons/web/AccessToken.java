package org.taskneurons.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The server's bearer token. Presented tokens are compared in constant time: both sides are
 * hashed first, so neither the position of the first wrong character nor the token's length
 * shows in the time a refusal takes.
 */
final class AccessToken {
    private static final String BEARER = "bearer ";

    private final byte[] expectedDigest;
    private final boolean required;

    private AccessToken(String token, boolean required) {
        this.expectedDigest = token == null ? null : digest(token);
        this.required = required;
    }

    static AccessToken of(WebConfig config) {
        return new AccessToken(config.token(), config.tokenRequired());
    }

    boolean required() {
        return required;
    }

    /** Whether a request presenting {@code token} (null: none) may go on. */
    boolean admits(String token) {
        if (!required) {
            return true;
        }
        return token != null && MessageDigest.isEqual(expectedDigest, digest(token));
    }

    /** Whether a request with this {@code Authorization} header (null: none) may go on. */
    boolean admitsBearer(String authorization) {
        if (!required) {
            return true;
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return false;
        }
        return admits(authorization.substring(BEARER.length()).trim());
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
