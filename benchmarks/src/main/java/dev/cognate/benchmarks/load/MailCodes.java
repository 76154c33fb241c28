package dev.cognate.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The codes of the mails trigger-runner writes as files in the local stack ({@code COGNATE_DELIVERY_EMAIL_MODE=file}:
 * one {@code <time>-<purpose>-<event id>.eml} per message, moved into place whole). One thread watches the directory
 * (inotify through {@link WatchService}, so a mail directory of many thousand old files costs nothing per sign-in), reads
 * each new message of one pool and queues its code under its {@code To} address.
 */
final class MailCodes implements AutoCloseable {

    /** A message's address, pool and the first run of 6 to 8 digits of its body (the {@code {####}} of the template). */
    record Message(String to, String userPoolId, String code) {
    }

    private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6,8})(?![0-9])");

    private final Path directory;
    private final String userPoolId;
    private final WatchService watcher;
    private final Map<String, BlockingQueue<String>> codes = new ConcurrentHashMap<>();
    private final AtomicLong overflows = new AtomicLong();
    private final Thread thread;

    MailCodes(Path directory, String userPoolId) {
        this.directory = directory;
        this.userPoolId = userPoolId;
        try {
            Files.createDirectories(directory);
            this.watcher = FileSystems.getDefault().newWatchService();
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the mail directory " + directory, e);
        }
        this.thread = new Thread(this::watch, "mail-codes");
        thread.setDaemon(true);
        thread.start();
    }

    /** The queue of codes mailed to {@code address} (lower case), created on first use. */
    BlockingQueue<String> queue(String address) {
        return codes.computeIfAbsent(address.toLowerCase(Locale.ROOT), k -> new LinkedBlockingQueue<>());
    }

    /** Events the kernel dropped (the watch queue overflowed): their codes never arrive, and those sign-ins time out. */
    long overflows() {
        return overflows.get();
    }

    Path directory() {
        return directory;
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        overflows.incrementAndGet();
                        continue;
                    }
                    Path name = (Path) event.context();
                    if (name.toString().endsWith(".eml") && !name.toString().startsWith(".")) {
                        read(directory.resolve(name));
                    }
                }
                if (!key.reset()) {
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private void read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            System.out.println("WARNING: cannot read " + file + ": " + e.getMessage());
            return;
        }
        parse(text).filter(message -> userPoolId.equals(message.userPoolId()))
                .ifPresent(message -> queue(message.to()).add(message.code()));
    }

    /** The address, pool and code of a mail file's text (headers, a blank line, the body); empty if it has no code. */
    static Optional<Message> parse(String text) {
        String to = null;
        String pool = null;
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            String line = (end < 0 ? text.substring(at) : text.substring(at, end)).stripTrailing();
            at = end < 0 ? text.length() : end + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String header = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (header.equalsIgnoreCase("To")) {
                    to = value;
                } else if (header.equalsIgnoreCase("X-Cognate-User-Pool-Id")) {
                    pool = value;
                }
            }
        }
        Matcher code = CODE.matcher(text.substring(at));
        if (to == null || !code.find()) {
            return Optional.empty();
        }
        return Optional.of(new Message(to, pool, code.group(1)));
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // closing anyway
        }
        thread.interrupt();
    }
}
