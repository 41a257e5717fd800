package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code sluice} command line in-process and returns what it printed; it must exit 0. */
final class Cli {

    private Cli() {
    }

    static String run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs a command that must exit with {@code code}; returns what it printed to standard error. */
    static String runExpecting(int code, String... args) {
        return capture(code, false, args);
    }

    /** Runs a command that must exit with {@code code}; returns what it printed to standard output. */
    static String outputExpecting(int code, String... args) {
        return capture(code, true, args);
    }

    private static String capture(int code, boolean stdout, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = stdout ? System.out : System.err;
        PrintStream captured = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (stdout) {
            System.setOut(captured);
        } else {
            System.setErr(captured);
        }
        try {
            assertThat(SluiceCli.commandLine().execute(args)).isEqualTo(code);
        } finally {
            if (stdout) {
                System.setOut(original);
            } else {
                System.setErr(original);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @param stdin what the command reads from standard input, or null for the process's own */
    static String runWithInput(String stdin, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        InputStream originalIn = System.in;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        if (stdin != null) {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            assertThat(SluiceCli.commandLine().execute(args)).isZero();
        } finally {
            System.setOut(original);
            System.setIn(originalIn);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
