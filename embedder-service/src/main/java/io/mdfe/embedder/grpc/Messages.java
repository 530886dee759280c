package io.mdfe.embedder.grpc;

import com.google.protobuf.Timestamp;
import io.mdfe.embedder.batching.EmbedOutcome;
import io.mdfe.embedder.batching.ItemResult;
import io.mdfe.embedder.model.BundleModel;
import io.mdfe.proto.common.Embedding;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.embedder.EmbedResponse;
import io.mdfe.proto.embedder.EmbedResult;
import io.mdfe.proto.embedder.ItemError;
import io.mdfe.proto.embedder.ModelInfo;

/** Builds the API's response messages from the batcher's and loader's results. */
final class Messages {

    private Messages() {
    }

    static EmbedResponse response(String requestId, EmbedOutcome outcome) {
        ModelRef model = ModelRef.newBuilder().setModelId(outcome.modelId()).setVersion(outcome.version()).build();
        EmbedResponse.Builder response = EmbedResponse.newBuilder().setRequestId(requestId).setModel(model);
        for (int i = 0; i < outcome.items().size(); i++) {
            EmbedResult.Builder result = EmbedResult.newBuilder().setIndex(i);
            ItemResult item = outcome.items().get(i);
            if (item instanceof ItemResult.Embedded embedded) {
                Embedding.Builder embedding = Embedding.newBuilder().setDim(embedded.vector().length).setModel(model);
                for (float v : embedded.vector()) {
                    embedding.addValues(v);
                }
                result.setEmbedding(embedding);
            } else if (item instanceof ItemResult.Failed failed) {
                result.setError(ItemError.newBuilder().setCode(failed.code().value()).setMessage(failed.message()));
            }
            response.addResults(result);
        }
        return response.build();
    }

    static ModelInfo modelInfo(BundleModel model) {
        return ModelInfo.newBuilder()
                .setModel(ModelRef.newBuilder().setModelId(model.modelId()).setVersion(model.version()))
                .setEmbeddingDim(model.manifest().embeddingDim())
                .setImageSize(model.manifest().imageSize())
                .setBundleUri(model.uri().toString())
                .setLoadedAt(Timestamp.newBuilder().setSeconds(model.loadedAt().getEpochSecond())
                        .setNanos(model.loadedAt().getNano()))
                .build();
    }
}
