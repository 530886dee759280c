package io.mdfe.core;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Facts recorded with every artefact (bundles, runs, indexes) so a result can be traced to the code
 * and engine that made it: mdfe version, git commit, DJL and PyTorch versions, Java, creation time.
 */
public final class Provenance {

    private static final Properties BUILD = load("/META-INF/mdfe-build.properties");
    /** Written by the parent pom's {@code git-commit} execution, as for the services. */
    private static final Properties GIT = load("/META-INF/mdfe/git.properties");

    private Provenance() {
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // provenance is informative; an unreadable build file must not stop the work
            p.clear();
        }
        return p;
    }

    /** The abbreviated git commit the build was made from, or "unknown" outside a checkout. */
    public static String gitCommit() {
        String commit = GIT.getProperty("git.commit.id.abbrev", "").strip();
        return commit.isEmpty() ? "unknown" : commit;
    }

    /** This mdfe's version. */
    public static String version() {
        return BUILD.getProperty("mdfe.version", "unknown");
    }

    /** The provenance entries for an artefact created now. */
    public static Map<String, String> current() {
        Map<String, String> facts = new TreeMap<>();
        facts.put("mdfe_version", version());
        facts.put("git_commit", gitCommit());
        facts.put("djl_version", BUILD.getProperty("djl.version", "unknown"));
        facts.put("pytorch_version", BUILD.getProperty("pytorch.version", "unknown"));
        facts.put("java_version", System.getProperty("java.version"));
        facts.put("created", Instant.now().toString());
        return facts;
    }
}
