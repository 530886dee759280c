package io.mdfe.systemtest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.cli.system.PackagedJars;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout under test and its packaged jars (failsafe passes its folder as {@code mdfe.repo}). */
final class Checkout {

    private Checkout() {
    }

    /** {@return the checkout's root folder; fails (never skips) when it is not set} */
    static Path root() {
        String repo = System.getProperty("mdfe.repo", "");
        assertTrue(!repo.isBlank(), "system property mdfe.repo (the checkout) is not set; run through maven-failsafe");
        return Path.of(repo).toAbsolutePath().normalize();
    }

    /** {@return the packaged jars of the checkout, checked to exist} */
    static PackagedJars jars() {
        PackagedJars jars = new PackagedJars(root());
        jars.check(true);
        return jars;
    }

    /** {@return the packaged command line, cli/target/mdfe.jar} */
    static Path cliJar() {
        Path jar = root().resolve("cli/target/mdfe.jar");
        assertTrue(Files.isRegularFile(jar), "not packaged: " + jar);
        return jar;
    }
}
