/**
 * Annoy in pure Java: a random-projection forest built and searched exactly as Spotify's
 * annoylib.h does, reading and writing its file format (memory-mapped), so indexes move freely
 * between this code, Python's {@code annoy} module and the C++ library.
 *
 * <p>Entry point: {@link io.mdfe.core.index.annoy.AnnoyIndex}; knobs:
 * {@link io.mdfe.core.index.annoy.AnnoyParams}; quality after a build:
 * {@link io.mdfe.core.index.annoy.RecallSample} against an exact {@link io.mdfe.core.index.annoy.NeighborSearch}.
 */
package io.mdfe.core.index.annoy;
