package io.mdfe.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathPolicyTest {

    @TempDir
    Path dir;

    private Path root;
    private Path outside;
    private PathPolicy policy;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "x");
        Files.writeString(root.resolve("inside.txt"), "x");
        policy = new PathPolicy("test.roots", List.of(root, dir.resolve("second-root-not-created-yet")));
    }

    @Test
    void acceptsExistingAndNewPathsInsideAnyRoot() throws Exception {
        assertEquals(root.toRealPath().resolve("inside.txt"), policy.confine("f", root.resolve("inside.txt").toString()));
        assertEquals(root.toRealPath().resolve("new/deeper/file.csv"), policy.confine("f", root.resolve("new/deeper/file.csv")));
        assertEquals(root.toRealPath().resolve("b"), policy.confine("f", root.resolve("a/../b")));
        assertTrue(policy.allows(dir.resolve("second-root-not-created-yet/x")));
    }

    @Test
    void refusesDotDotAbsoluteAndSymlinkEscapesWithOneMessageWhetherOrNotThePathExists() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), outside);
        String existing = assertThrows(PathDeniedException.class,
                () -> policy.confine("DATASET.cls_dist_file", root + "/../outside/secret.txt")).getMessage();
        String missing = assertThrows(PathDeniedException.class,
                () -> policy.confine("DATASET.cls_dist_file", root + "/../outside/nothing.txt")).getMessage();
        assertEquals(existing.replace("secret", "X"), missing.replace("nothing", "X"));
        assertTrue(existing.startsWith("DATASET.cls_dist_file: "), existing);
        assertTrue(existing.contains("test.roots"), existing);
        assertThrows(PathDeniedException.class, () -> policy.confine("f", "/etc/passwd"));
        assertThrows(PathDeniedException.class, () -> policy.confine("f", root.resolve("link/secret.txt")));
        // a link to a directory followed by '..' climbs from the link's target, as the kernel does: lexically
        // this is root/inside.txt, really dir/inside.txt
        assertThrows(PathDeniedException.class, () -> policy.confine("f", root.resolve("link/../inside.txt")));
        // a link to a file that does not exist yet still leads outside
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("later.txt"));
        assertThrows(PathDeniedException.class, () -> policy.confine("f", root.resolve("dangling")));
        assertFalse(policy.allows(outside));
    }

    @Test
    void refusesEmptyAndInvalidPaths() {
        assertTrue(assertThrows(PathDeniedException.class, () -> policy.confine("bundle_uri", ""))
                .getMessage().startsWith("bundle_uri: "));
        assertThrows(PathDeniedException.class, () -> policy.confine("bundle_uri", "a\0b"));
    }
}
