package org.taskneurons.web;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /api/uploads?name=FILE}: a data file streamed to {@code <first data root>/uploads/}
 * under a sanitized name. The bytes go to a hidden part file first and get their name only
 * when complete (a hard link, which never replaces a file), so a spec never sees half a file
 * and an upload never overwrites an earlier one: a taken name gets a number ({@code data-2.csv}).
 * The answer is the path relative to the data root, as a spec names it.
 */
final class Uploads {
    static final String FOLDER = "uploads";
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final int MAX_NAME = 120;

    private final Vertx vertx;
    private final Path folder;
    private final long limit;

    Uploads(Vertx vertx, Path dataRoot, long limit) {
        this.vertx = vertx;
        this.folder = dataRoot.toAbsolutePath().normalize().resolve(FOLDER);
        this.limit = limit;
    }

    void handle(RoutingContext ctx) {
        String name = sanitize(ctx.queryParam("name").stream().findFirst().orElse(null));
        HttpServerRequest request = ctx.request();
        String length = request.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19 && Long.parseLong(length) > limit) {
            throw HttpFailure.of(413, "upload larger than the limit of " + limit + " bytes");
        }
        request.pause();
        Path part = folder.resolve("." + UUID.randomUUID() + ".part");
        vertx.<Void>executeBlocking(() -> {
                    Files.createDirectories(folder);
                    return null;
                })
                .compose(created -> vertx.fileSystem().open(part.toString(), new OpenOptions().setCreateNew(true).setWrite(true)))
                .compose(file -> receive(request, file))
                .compose(received -> vertx.executeBlocking(() -> publish(part, name)))
                .onSuccess(saved -> ctx.response().setStatusCode(201)
                        .putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("path", FOLDER + "/" + saved.getFileName()).encode()))
                .onFailure(failure -> {
                    vertx.fileSystem().delete(part.toString()).otherwiseEmpty();
                    if (failure instanceof HttpFailure) {
                        // Stop reading a body that will not be kept; the connection closes after the answer.
                        ctx.response().putHeader("Connection", "close");
                    }
                    ctx.fail(failure);
                });
    }

    /** Writes the request body into {@code file}, failing with 413 (and closing the file) past the limit. */
    private Future<Void> receive(HttpServerRequest request, AsyncFile file) {
        Promise<Void> done = Promise.promise();
        long[] received = {0};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > limit) {
                request.handler(null);
                request.endHandler(null);
                file.close().onComplete(closed -> done.tryFail(HttpFailure.of(413, "upload larger than the limit of " + limit + " bytes")));
                return;
            }
            file.write(chunk);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(drained -> request.resume());
            }
        });
        request.exceptionHandler(failure -> file.close().onComplete(closed -> done.tryFail(failure)));
        request.endHandler(end -> file.close().onComplete(closed -> {
            if (closed.succeeded()) {
                done.tryComplete();
            } else {
                done.tryFail(closed.cause());
            }
        }));
        request.resume();
        return done.future();
    }

    /** Gives the complete part file its final name: the first of name, name-2, name-3, … not taken. */
    private Path publish(Path part, String name) throws IOException {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        try {
            for (int n = 1; n < 10_000; n++) {
                Path target = folder.resolve(n == 1 ? name : stem + "-" + n + extension);
                try {
                    Files.createLink(target, part);
                    return target;
                } catch (FileAlreadyExistsException taken) {
                    // Try the next number.
                }
            }
            throw new UncheckedIOException(new IOException("no free name for " + name + " in " + folder));
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** A file name made of letters, digits, dot, dash and underscore, not hidden, at most {@value #MAX_NAME} characters. */
    static String sanitize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw HttpFailure.violation("name", "missing: give the file name as ?name=FILE");
        }
        String base = raw.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String safe = UNSAFE.matcher(base).replaceAll("_").replaceFirst("^[._-]+", "");
        if (safe.length() > MAX_NAME) {
            int dot = safe.lastIndexOf('.');
            String extension = dot > 0 && safe.length() - dot <= 10 ? safe.substring(dot) : "";
            safe = safe.substring(0, MAX_NAME - extension.length()) + extension;
        }
        if (safe.isEmpty() || safe.chars().noneMatch(Character::isLetterOrDigit)) {
            throw HttpFailure.violation("name", "'" + abbreviate(raw) + "' has no usable characters for a file name");
        }
        return safe;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
