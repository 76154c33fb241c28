package dev.cognate.userpool.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaksAndNumbersLines() {
        List<CsvReader.Record> records = all("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n,,last\n");

        assertThat(records).extracting(CsvReader.Record::fields).containsExactly(
                List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines"), List.of("", "", "last"));
        assertThat(records).extracting(CsvReader.Record::line).containsExactly(1, 2, 5);
    }

    @Test
    void readsALastRecordWithoutLineBreakAndRefusesAnUnclosedQuote() {
        assertThat(all("a,b")).extracting(CsvReader.Record::fields).containsExactly(List.of("a", "b"));
        assertThatThrownBy(() -> all("a\n\"open,b\n")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    private static List<CsvReader.Record> all(String text) {
        List<CsvReader.Record> records = new ArrayList<>();
        new CsvReader(text).forEachRemaining(records::add);
        return records;
    }
}
