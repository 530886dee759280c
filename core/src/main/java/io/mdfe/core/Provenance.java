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

    private static final Properties BUILD = loadBuild();

    private Provenance() {
    }

    private static Properties loadBuild() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/META-INF/mdfe-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // provenance is informative; an unreadable build file must not stop the work
            p.clear();
        }
        return p;
    }

    /** The build's git commit, with a {@code -dirty} suffix for uncommitted changes, or "unknown". */
    public static String gitCommit() {
        String commit = BUILD.getProperty("git.commit", "");
        if (commit.isBlank() || commit.startsWith("${")) {
            return "unknown";
        }
        return "true".equals(BUILD.getProperty("git.dirty")) ? commit + "-dirty" : commit;
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
