package dev.cognate.userpool.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Records of a CSV text (RFC 4180): comma-separated fields, fields in double quotes may hold commas, line breaks and
 * doubled quotes; records end with CRLF or LF. Reads one record at a time, so a large file is never split up whole.
 * Blank lines are skipped. A quote left open is an {@link IllegalArgumentException}.
 */
public final class CsvReader implements Iterator<CsvReader.Record> {

    /** A record and the line it starts on (1-based). */
    public record Record(int line, List<String> fields) {
    }

    private final String text;
    private int position;
    private int line = 1;
    private Record next;

    public CsvReader(String text) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        advance();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public Record next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        Record current = next;
        advance();
        return current;
    }

    private void advance() {
        next = null;
        while (next == null && position < text.length()) {
            int start = line;
            List<String> fields = read();
            if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                next = new Record(start, fields);
            }
        }
    }

    private List<String> read() {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int quoteLine = line;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (quoted) {
                if (c == '"') {
                    if (position < text.length() && text.charAt(position) == '"') {
                        field.append('"');
                        position++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                quoteLine = line;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && position < text.length() && text.charAt(position) == '\n') {
                    position++;
                }
                line++;
                fields.add(field.toString());
                return fields;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field opened on line " + quoteLine + " is never closed");
        }
        fields.add(field.toString());
        return fields;
    }
}
