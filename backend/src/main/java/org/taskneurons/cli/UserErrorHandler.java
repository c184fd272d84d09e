package org.taskneurons.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an {@link IllegalArgumentException} (bad data, bad formula, bad option value) into one
 * clear line on stderr and exit code 2, instead of a stack trace. Anything else is a bug and
 * keeps its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) throws Exception {
        if (ex instanceof NoSuchFileException missing) {
            command.getErr().println("error: no such file: " + missing.getFile());
            return USER_ERROR;
        }
        if (ex instanceof IllegalArgumentException || ex instanceof IOException || ex instanceof UncheckedIOException) {
            command.getErr().println("error: " + ex.getMessage());
            return USER_ERROR;
        }
        throw ex;
    }
}
