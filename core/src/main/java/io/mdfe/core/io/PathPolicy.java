package io.mdfe.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where paths that come from outside (a request, a request's config, an event) may point: inside one of
 * a few configured roots, judged after resolving symbolic links. A path is resolved by taking the real
 * path ({@link Path#toRealPath}) of its longest existing prefix and appending the rest, so a link inside a
 * root that points out of it, a {@code ..} that climbs out, and a path that does not exist yet are all
 * judged where they really lead.
 *
 * <p>A refused path gets the same {@link PathDeniedException} message whether or not it exists, so the
 * answer tells a caller nothing about the server's file system outside the roots.
 */
public final class PathPolicy {

    /** Links followed before a path counts as a loop (Linux's MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    private final String rootsName;
    private final List<Path> roots;

    /**
     * @param rootsName how the error message names the roots, e.g. the config key that sets them
     * @param roots the allowed roots (absolute or relative to the working directory; need not exist yet)
     */
    public PathPolicy(String rootsName, List<Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a path policy needs at least one root");
        }
        this.rootsName = rootsName;
        this.roots = roots.stream().map(PathPolicy::realised).toList();
    }

    /** {@return the roots, as real paths} */
    public List<Path> roots() {
        return roots;
    }

    /**
     * Confines a path given as text.
     *
     * @param field the request field or config key the path came from, for the message
     * @param value the path; relative paths are taken relative to the working directory
     * @return the real path it leads to, inside one of the roots
     * @throws PathDeniedException when it is empty, not a path, or leads outside every root
     */
    public Path confine(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new PathDeniedException(field + ": a path is required");
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw denied(field, value);
        }
        return confine(field, path, value);
    }

    /**
     * Confines a path.
     *
     * @param field the request field or config key the path came from, for the message
     * @param path the path; relative paths are taken relative to the working directory
     * @return the real path it leads to, inside one of the roots
     * @throws PathDeniedException when it leads outside every root
     */
    public Path confine(String field, Path path) {
        return confine(field, path, path.toString());
    }

    /** {@return whether {@code path} leads inside one of the roots} */
    public boolean allows(Path path) {
        Path real = realised(path);
        return roots.stream().anyMatch(real::startsWith);
    }

    private Path confine(String field, Path path, String shown) {
        Path real;
        try {
            real = realised(path);
        } catch (RuntimeException e) {
            throw denied(field, shown);
        }
        if (roots.stream().noneMatch(real::startsWith)) {
            throw denied(field, shown);
        }
        return real;
    }

    private PathDeniedException denied(String field, String shown) {
        return new PathDeniedException(field + ": '" + shown + "' is not inside the allowed roots (" + rootsName + ")");
    }

    /**
     * The real path of the longest existing prefix of {@code path} (links resolved, {@code ..} applied in the
     * order the file system would) followed by the remaining names, normalised. A dangling link is followed
     * to where it points, since writing through it would create its target.
     */
    static Path realised(Path path) {
        return realised(path, 0);
    }

    private static Path realised(Path path, int linksFollowed) {
        if (linksFollowed > MAX_LINKS) {
            throw new IllegalArgumentException("too many levels of symbolic links: " + path);
        }
        Path absolute = path.toAbsolutePath();
        List<Path> names = new ArrayList<>();
        absolute.forEach(names::add);
        Path existing = absolute.getRoot();
        for (int used = 0; used < names.size(); used++) {
            Path next = existing.resolve(names.get(used));
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                return append(existing, names, used);
            }
            try {
                existing = next.toRealPath();
            } catch (IOException e) {
                if (!Files.isSymbolicLink(next)) {
                    throw new IllegalArgumentException("cannot resolve " + next, e);
                }
                try {
                    Path target = existing.resolve(Files.readSymbolicLink(next));
                    return realised(append(target, names, used + 1), linksFollowed + 1);
                } catch (IOException unreadable) {
                    throw new IllegalArgumentException("cannot read the link " + next, unreadable);
                }
            }
        }
        return existing;
    }

    private static Path append(Path base, List<Path> names, int from) {
        Path result = base;
        for (int i = from; i < names.size(); i++) {
            result = result.resolve(names.get(i));
        }
        return result.normalize();
    }
}
