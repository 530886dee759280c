package io.mdfe.service.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInfoTest {

    @Test
    void readsAbbreviatedCommitFromResource(@TempDir Path classes) throws IOException {
        Path resource = classes.resolve(BuildInfo.RESOURCE);
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, "git.commit.id.abbrev=d2bd33d\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            assertEquals(new BuildInfo("d2bd33d"), BuildInfo.fromClasspath(loader));
        }
    }

    @Test
    void missingResourceMeansUnknownCommit(@TempDir Path classes) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            assertEquals(BuildInfo.UNKNOWN, BuildInfo.fromClasspath(loader).gitCommit());
        }
    }

    @Test
    void blankCommitMeansUnknown() {
        Properties properties = new Properties();
        properties.setProperty("git.commit.id.abbrev", "  ");
        assertEquals(BuildInfo.UNKNOWN, BuildInfo.fromProperties(properties).gitCommit());
    }
}
