package io.mdfe.core.config;

/**
 * Section {@code MODEL}: backbone -> neck -> head. Keys, defaults and descriptions: {@code configs/README.md}.
 *
 * @param name         MODEL.name
 * @param embeddingDim MODEL.embedding_dim
 * @param outputDir    MODEL.output_dir
 * @param backbone     MODEL.BACKBONE
 * @param neck         MODEL.NECK
 * @param head         MODEL.HEAD
 */
public record ModelConfig(String name, int embeddingDim, String outputDir, BackboneConfig backbone,
                          NeckConfig neck, HeadConfig head) {
}
