package io.mdfe.service.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Facts about the build a service runs from. Each service's build writes them to {@value #RESOURCE}
 * (see the exec-maven-plugin {@code git-commit} execution in the parent pom); a build outside a git
 * checkout records no commit, which is then reported as {@value #UNKNOWN}.
 *
 * @param gitCommit abbreviated commit id, or {@value #UNKNOWN}
 */
public record BuildInfo(String gitCommit) {

    /** Classpath location of the properties the build writes; a name of our own so no library's wins. */
    public static final String RESOURCE = "META-INF/mdfe/git.properties";

    /** Reported when the build recorded no commit. */
    public static final String UNKNOWN = "unknown";

    private static final String COMMIT_KEY = "git.commit.id.abbrev";

    /**
     * Reads the build information from {@value #RESOURCE} on the given class loader.
     *
     * @param loader where to look up the resource
     * @return the build information, with {@value #UNKNOWN} for what was not recorded
     */
    public static BuildInfo fromClasspath(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return fromProperties(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Builds the information from properties with the key {@code git.commit.id.abbrev}.
     *
     * @param properties the properties, possibly empty
     * @return the build information, with {@value #UNKNOWN} for missing or blank values
     */
    public static BuildInfo fromProperties(Properties properties) {
        String commit = properties.getProperty(COMMIT_KEY, "").strip();
        return new BuildInfo(commit.isEmpty() ? UNKNOWN : commit);
    }
}
