/** A stand-in {@code nvidia-smi} that describes machines with 0, 1 or 4 GPUs of different kinds. */
package org.vipboutiques.testing.gpus;
