"""A custom layer and training step in Keras: build()/call(), and a train_step() that fit() runs."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np
from keras import ops

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)
keras.utils.set_random_seed(0)
BACKEND = keras.backend.backend()
if BACKEND == "jax":
    import jax
elif BACKEND == "tensorflow":
    import tensorflow as tf
else:
    import torch

# y = 2*x1 - x2 + 0.5 plus noise; the same data, in the same order, in every tab
rng = np.random.default_rng(0)
x = rng.normal(size=(256, 2)).astype("float32")
y = (x @ np.array([[2.0], [-1.0]]) + 0.5 + rng.normal(scale=0.1, size=(256, 1))).astype("float32")


class ScaledDense(keras.layers.Layer):
    """scale * (x @ kernel + bias), with a learnable scale per unit."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):  # (1)!
        n_in = input_shape[-1]
        self.kernel = self.add_weight(shape=(n_in, self.units), initializer="zeros", name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")
        self.scale = self.add_weight(shape=(self.units,), initializer="ones", name="scale")

    def call(self, x):
        return self.scale * (ops.matmul(x, self.kernel) + self.bias)


class Regressor(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = ScaledDense(1)
        self.loss_fn = keras.losses.MeanSquaredError()
        self.loss_tracker = keras.metrics.Mean(name="loss")

    def call(self, x, training=None):  # training matters for layers like Dropout
        return self.dense(x)

    @property
    def metrics(self):  # fit() resets these at the start of each epoch
        return [self.loss_tracker]

    if BACKEND == "jax":  # (2)!

        def loss_and_updates(self, trainable_vars, non_trainable_vars, x, y):
            y_pred, non_trainable_vars = self.stateless_call(
                trainable_vars, non_trainable_vars, x, training=True)
            return self.loss_fn(y, y_pred), non_trainable_vars

        def train_step(self, state, data):  # a pure function: state in, new state out
            trainable_vars, non_trainable_vars, optimizer_vars, metrics_vars = state
            x, y = data
            grad_fn = jax.value_and_grad(self.loss_and_updates, has_aux=True)
            (loss, non_trainable_vars), grads = grad_fn(trainable_vars, non_trainable_vars, x, y)
            trainable_vars, optimizer_vars = self.optimizer.stateless_apply(
                optimizer_vars, grads, trainable_vars)
            metrics_vars = self.loss_tracker.stateless_update_state(metrics_vars, loss)
            logs = {"loss": self.loss_tracker.stateless_result(metrics_vars)}
            return logs, (trainable_vars, non_trainable_vars, optimizer_vars, metrics_vars)

    elif BACKEND == "tensorflow":

        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                loss = self.loss_fn(y, self(x, training=True))
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply(grads, self.trainable_variables)
            self.loss_tracker.update_state(loss)
            return {"loss": self.loss_tracker.result()}

    else:  # torch

        def train_step(self, data):
            x, y = data
            self.zero_grad()  # (3)!
            loss = self.loss_fn(y, self(x, training=True))
            loss.backward()
            grads = [v.value.grad for v in self.trainable_variables]
            with torch.no_grad():
                self.optimizer.apply(grads, self.trainable_variables)
            self.loss_tracker.update_state(loss)
            return {"loss": self.loss_tracker.result()}


model = Regressor()
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1))  # no loss: train_step has it
model.fit(x, y, batch_size=32, epochs=10, shuffle=False, verbose=0)  # (4)!

print("trainable parameters:", sum(int(np.prod(v.shape)) for v in model.trainable_weights))
kernel, bias, scale = model.dense.get_weights()  # NumPy copies, in the order build() made them
print("kernel:", [round(v, 3) for v in kernel.ravel().tolist()])
print("bias:", round(bias.item(), 3))
print("scale:", round(scale.item(), 3))
print("final loss:", round(float(np.mean((model.predict(x, verbose=0) - y) ** 2)), 4))
