package dev.cognate.testkit;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The check behind each service's {@code NativeReflectionTest}: in a native image Jackson can only bind the records that
 * were registered for reflection, and Quarkus registers by itself only the types of REST resource signatures, not what
 * libs/aws-protocol binds generically, the internal API bodies, the CloudEvent payloads or the JSON kept in Redis. A
 * service lists its records in one {@code @RegisterForReflection(classNames = ...)}; this finds every record of the
 * given packages on the class path (the service's classes and the libraries' jars) and says which are missing and which
 * listed names are no longer records.
 */
public final class RegisteredRecords {

    private RegisteredRecords() {
    }

    /**
     * Every record class (binary names, nested ones included) in the packages, and below them, on the class path: in
     * class directories and jars, except the tests' own classes ({@code target/test-classes}).
     */
    public static Set<String> recordsIn(String... packages) {
        Set<String> records = new TreeSet<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String packageName : packages) {
            for (String className : classesIn(loader, packageName)) {
                try {
                    if (Class.forName(className, false, loader).isRecord()) {
                        records.add(className);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + className, e);
                }
            }
        }
        return records;
    }

    /** The names {@code registry}'s {@code @RegisterForReflection} lists (its {@code targets} and {@code classNames}). */
    public static Set<String> registeredBy(Class<?> registry) {
        RegisterForReflection annotation = registry.getAnnotation(RegisterForReflection.class);
        if (annotation == null) {
            throw new IllegalArgumentException(registry + " has no @RegisterForReflection");
        }
        Set<String> names = new TreeSet<>(List.of(annotation.classNames()));
        for (Class<?> target : annotation.targets()) {
            names.add(target.getName());
        }
        return names;
    }

    /**
     * What {@code registry} lacks and what it lists in vain, as a message naming the lines to add and to remove (empty
     * when the two agree).
     */
    public static String differences(Class<?> registry, String... packages) {
        Set<String> records = recordsIn(packages);
        Set<String> registered = registeredBy(registry);
        Set<String> missing = new TreeSet<>(records);
        missing.removeAll(registered);
        Set<String> stale = new TreeSet<>(registered);
        stale.removeAll(records);
        StringBuilder message = new StringBuilder();
        if (!missing.isEmpty()) {
            message.append("records missing from ").append(registry.getName()).append(" (add to classNames):\n");
            missing.forEach(name -> message.append("        \"").append(name).append("\",\n"));
        }
        if (!stale.isEmpty()) {
            message.append("names in ").append(registry.getName()).append(" that are no records of ")
                    .append(String.join(", ", packages)).append(" (remove):\n");
            stale.forEach(name -> message.append("        \"").append(name).append("\",\n"));
        }
        return message.toString();
    }

    private static List<String> classesIn(ClassLoader loader, String packageName) {
        String path = packageName.replace('.', '/');
        List<String> classes = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            for (URL root : Collections.list(roots)) {
                if ("file".equals(root.getProtocol()) && root.getPath().contains("/test-classes/")) {
                    continue; // the tests' own records are no part of the application
                }
                if ("file".equals(root.getProtocol())) {
                    Path directory = Path.of(root.toURI());
                    try (Stream<Path> files = Files.walk(directory)) {
                        files.filter(file -> file.toString().endsWith(".class"))
                                .forEach(file -> classes.add(className(path + "/" + directory.relativize(file).toString().replace('\\', '/'))));
                    }
                } else if ("jar".equals(root.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            if (entry.getName().startsWith(path + "/") && entry.getName().endsWith(".class")) {
                                classes.add(className(entry.getName()));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }

    private static String className(String resource) {
        return resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
    }
}
