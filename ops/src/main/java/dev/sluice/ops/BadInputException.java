package dev.sluice.ops;

/**
 * Input a command cannot use: a file of the wrong shape, a record without the field it needs. The command line prints
 * its message on one line of standard error and exits with code 2 ({@link SluiceCli#commandLine()}), as it does for a
 * file that is missing or does not parse as JSON; the message names the file and, where there is one, the line.
 */
public final class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    /** {@code file} does not parse as JSON: where, and what the parser expected. */
    public static BadInputException notJson(java.nio.file.Path file, com.fasterxml.jackson.core.JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return new BadInputException(file + (at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": not JSON: " + e.getOriginalMessage());
    }

    /** Fails unless {@code file} is a file that can be read: a directory is named as one (reading it says only "Is a directory"). */
    public static void requireFile(java.nio.file.Path file) {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new BadInputException(file + " is a directory, not a file");
        }
    }
}
