/**
 * Margin-based softmax heads of MDFE2: ArcFace (sub-center when k &gt; 1), DynM-ArcFace (CLAM),
 * AdaCos, LiArcFace, CurricularFace and AdaFace, as DJL blocks that own the class-centre weights.
 *
 * <p>{@link io.mdfe.core.model.head.HeadRegistry} builds a head from a {@link
 * io.mdfe.core.model.head.HeadSpec} keyed by the upstream {@code MODEL.HEAD.name}. Every head is
 * a template-method subclass of {@link io.mdfe.core.model.head.MarginHead}; the training loss
 * stays DJL's plain softmax cross-entropy over the head's scaled logits.
 */
package io.mdfe.core.model.head;
