package io.mdfe.core.config;

/**
 * Section {@code MODEL.HEAD}: the margin-based softmax head (formulas: margin-heads.md).
 * Margins are in radians.
 *
 * @param name     MODEL.HEAD.name (ArcFace, DynM-ArcFace, AdaCos, LiArcFace, CurricularFace, AdaFace)
 * @param k        MODEL.HEAD.k (sub-centres per class)
 * @param s        MODEL.HEAD.s (logit scale)
 * @param dynamicS MODEL.HEAD.dynamic_s (AdaCos)
 * @param m        MODEL.HEAD.m (margin, rad)
 * @param mMax     MODEL.HEAD.m_max (DynM-ArcFace, rad)
 * @param mMin     MODEL.HEAD.m_min (DynM-ArcFace, rad)
 * @param h        MODEL.HEAD.h (AdaFace)
 * @param tAlpha   MODEL.HEAD.t_alpha (AdaFace)
 */
public record HeadConfig(String name, int k, double s, boolean dynamicS, double m, double mMax, double mMin,
                         double h, double tAlpha) {
}
