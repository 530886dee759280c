package io.mdfe.k8s.api.v1alpha1;

/** Search distance (the values of {@code mdfe evaluate --metric}). */
public enum Metric { euclidean, angular, dot }
