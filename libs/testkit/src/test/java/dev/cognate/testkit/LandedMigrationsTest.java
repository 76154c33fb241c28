package dev.cognate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandedMigrationsTest {

    @TempDir
    Path dir;
    Path folder;
    Path manifest;

    @BeforeEach
    void landTwoMigrations() throws IOException {
        folder = Files.createDirectory(dir.resolve("migration"));
        Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(folder.resolve("V2__b.sql"), "CREATE TABLE b (id INT);\n");
        manifest = dir.resolve("landed.sha256");
        Files.writeString(manifest, "# landed\n" + LandedMigrations.manifestOf(folder));
    }

    @Test
    void acceptsTheLandedFilesAsTheyAre() {
        assertEquals(List.of(), LandedMigrations.problems(folder, manifest));
    }

    @Test
    void reportsALandedFileWhoseCommentChanged() throws IOException {
        Files.writeString(folder.resolve("V1__a.sql"), "-- a table\nCREATE TABLE a (id INT);\n");

        List<String> problems = LandedMigrations.problems(folder, manifest);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("V1__a.sql changed after it landed"), problems.get(0));
        assertTrue(problems.get(0).contains("put the change in a NEW migration"), problems.get(0));
    }

    @Test
    void reportsADeletedLandedFile() throws IOException {
        Files.delete(folder.resolve("V2__b.sql"));

        List<String> problems = LandedMigrations.problems(folder, manifest);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("V2__b.sql landed but is gone"), problems.get(0));
    }

    @Test
    void asksForTheManifestLineOfANewMigration() throws IOException {
        Files.writeString(folder.resolve("V3__c.sql"), "CREATE TABLE c (id INT);\n");

        List<String> problems = LandedMigrations.problems(folder, manifest);

        assertEquals(1, problems.size());
        String line = LandedMigrations.manifestOf(folder).lines().filter(l -> l.endsWith("V3__c.sql")).findFirst()
                .orElseThrow();
        assertTrue(problems.get(0).endsWith("\n" + line), problems.get(0));
    }

    @Test
    void refusesANewMigrationNumberedBelowALandedOne() throws IOException {
        Files.delete(folder.resolve("V1__a.sql"));
        Files.writeString(manifest, LandedMigrations.manifestOf(folder)); // only V2 landed
        Files.writeString(folder.resolve("V1__late.sql"), "CREATE TABLE late (id INT);\n");

        List<String> problems = LandedMigrations.problems(folder, manifest);

        assertEquals(2, problems.size());
        assertTrue(problems.get(0).contains("Number it V3 or above"), problems.get(0));
    }
}
