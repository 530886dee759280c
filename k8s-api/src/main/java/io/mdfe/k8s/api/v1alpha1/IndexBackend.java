package io.mdfe.k8s.api.v1alpha1;

/** The vector index an Evaluation searches with (the values of {@code mdfe evaluate --index}). */
public enum IndexBackend { exact, annoy, milvus }
