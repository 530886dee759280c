package io.mdfe.k8s.api.v1alpha1;

/** The UnED split an Evaluation scores; lower case because these are the values users write (as in the CLI). */
public enum Split { val, test }
