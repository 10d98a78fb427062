/**
 * LeNet5 on MNIST with TensorFlow Java.
 *
 * <p>Start with {@link org.lenet5.train.TrainingConfig} and {@link org.lenet5.train.Trainer}.
 */
package org.lenet5;
