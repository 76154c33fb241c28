package dev.cognate.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The mails the stack's trigger-runner wrote as files (file mode), read as their recipients would read them. */
final class StackMail {

    private static final Pattern CODE = Pattern.compile("verification code is (\\d{6})");

    private StackMail() {
    }

    /** The text of the newest mail sent to {@code recipient}, or {@code null} while none has arrived. */
    static String to(StackLayout layout, String recipient) throws IOException {
        String newest = null;
        for (Path mail : mails(layout)) {
            String text = Files.readString(mail);
            if (text.contains("To: " + recipient)) {
                newest = text;
            }
        }
        return newest;
    }

    /** The six-digit code of the newest mail to {@code recipient}, or {@code null} while none has arrived. */
    static String codeSentTo(StackLayout layout, String recipient) throws IOException {
        String mail = to(layout, recipient);
        if (mail == null) {
            return null;
        }
        Matcher code = CODE.matcher(mail);
        return code.find() ? code.group(1) : null;
    }

    /** The mail files, oldest first (their names start with the time they were written). */
    private static List<Path> mails(StackLayout layout) throws IOException {
        if (!Files.isDirectory(layout.mailDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(layout.mailDir())) {
            return files.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
        }
    }
}
