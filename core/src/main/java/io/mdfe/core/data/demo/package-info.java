/**
 * A deterministic synthetic multi-domain image set written in both real on-disk formats (an
 * M4D-style training CSV and a UnED-style {@code info_files/} + {@code images/} tree), so the CPU
 * demo can train and evaluate end to end without downloading anything. Entry point:
 * {@link io.mdfe.core.data.demo.DemoDataGenerator}.
 */
package io.mdfe.core.data.demo;
