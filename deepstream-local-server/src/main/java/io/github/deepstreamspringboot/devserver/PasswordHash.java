package io.github.deepstreamspringboot.devserver;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords for the server's file authentication, hashed as {@code deepstream hash} does, so that no clear-text
 * password is written to the server's config file: PBKDF2 with a random salt, stored as the base64 hash followed by
 * the salt (a base64 string of 16 random bytes, used as it is, as deepstream does).
 *
 * <p><b>Thread model.</b> Stateless; thread-safe.
 */
final class PasswordHash {

    /** deepstream's name of the HMAC digest, and Java's name of the same PBKDF2. */
    private static final String ALGORITHM = "sha256";

    private static final String JAVA_ALGORITHM = "PBKDF2WithHmacSHA256";

    /** A development server's logins should stay cheap; a hash still keeps the password off the disk. */
    private static final int ITERATIONS = 10_000;

    private static final int KEY_LENGTH = 32;

    private static final SecureRandom random = new SecureRandom();

    private PasswordHash() {
    }

    /** @return the file authentication's options that say how its passwords are hashed */
    static Map<String, Object> settings() {
        return Map.of("hash", ALGORITHM, "iterations", ITERATIONS, "keyLength", KEY_LENGTH);
    }

    /**
     * @param password the clear-text password
     * @return what the file authentication stores for it
     */
    static String of(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String saltText = Base64.getEncoder().encodeToString(salt);
        return hash(password, saltText) + saltText;
    }

    /**
     * @param password the clear-text password
     * @param salt the salt as stored
     * @return the base64 hash
     */
    static String hash(String password, String salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), ITERATIONS,
                    KEY_LENGTH * 8);
            byte[] hash = SecretKeyFactory.getInstance(JAVA_ALGORITHM).generateSecret(spec).getEncoded();
            spec.clearPassword();
            return Base64.getEncoder().encodeToString(hash);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot hash a password with " + JAVA_ALGORITHM, ex);
        }
    }

}
