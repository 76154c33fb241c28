package dev.cognate.local;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Progress and problems go to stderr, one timestamped line each; stdout carries only the summary, so that
 * {@code deploy/local/run > file} captures just what a user needs.
 */
final class Console {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Console() {
    }

    static void info(String format, Object... args) {
        print("", format, args);
    }

    static void warn(String format, Object... args) {
        print("WARNING: ", format, args);
    }

    static void error(String format, Object... args) {
        print("ERROR: ", format, args);
    }

    private static void print(String level, String format, Object... args) {
        System.err.println(LocalTime.now().format(TIME) + " [local-stack] " + level + String.format(format, args));
    }
}
