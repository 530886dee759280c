package io.mdfe.k8s.api.v1alpha1;

/** UnED evaluation protocol: all domains in one index (merged) or one index per domain (separate). */
public enum Protocol { merged, separate }
