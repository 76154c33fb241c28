package dev.cognate.local;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Command lines for child JVMs, run by the same Java installation as the stack itself. */
final class JavaCommand {

    private JavaCommand() {
    }

    static List<String> mainClass(String classpath, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", classpath, mainClass));
        command.addAll(arguments);
        return command;
    }

    /** This JVM's class path with every entry made absolute, so a child with another working directory can use it. */
    static String ownClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    static List<String> jar(List<String> jvmOptions, Path jar) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
