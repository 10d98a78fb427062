/**
 * LeNet5 on MNIST with TensorFlow Java.
 *
 * <p>Start with {@link org.lenet5.train.Trainer}: it trains a {@link org.lenet5.train.Recipe}
 * (what decides the weights) as its {@link org.lenet5.train.RunSettings} say (where it reads and
 * writes). {@link org.lenet5.inference.Lenet5Model} loads an export for predictions, {@link
 * org.lenet5.train.Evaluator#evaluateModel} scores any saved model.
 */
package org.lenet5;
