package org.taskneurons.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server's generated bearer token, kept in {@code <state dir>/token} (readable by its
 * owner only) so that it survives restarts; printed once, when it is made.
 */
final class TokenFile {
    static final String NAME = "token";
    private static final int BYTES = 32;

    private TokenFile() {
    }

    static String loadOrCreate(Path stateDir, PrintWriter out) throws IOException {
        Path file = stateDir.resolve(NAME);
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (kept.length() >= 16) {
                out.println("Token: the one kept in " + file);
                return kept;
            }
        }
        Files.createDirectories(stateDir);
        byte[] random = new byte[BYTES];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path part = Files.createTempFile(stateDir, ".token", ".part");
        try {
            restrict(part);
            Files.writeString(part, token + System.lineSeparator(), StandardCharsets.UTF_8);
            try {
                Files.createLink(file, part);
            } catch (FileAlreadyExistsException raced) {
                Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
        out.println("Generated a token (kept in " + file + "): " + token);
        out.println("  use it as 'Authorization: Bearer TOKEN', in the dashboard's sign-in, and as headers.token on the TCP bridge");
        return token;
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the state folder's own access rules apply.
        }
    }
}
