"""Automatic differentiation in Keras: Keras has no gradient API of its own; the backend
that runs it (JAX, TensorFlow or PyTorch) computes the gradients."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np

backend = keras.backend.backend()
print("backend:", backend, "| device:", keras.ops.zeros(1).device)

features = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype="float32")
targets = np.array([[1.0], [2.0]], dtype="float32")
model = keras.Sequential([
    keras.Input((3,)),
    keras.layers.Dense(1, kernel_initializer=keras.initializers.Constant(0.1)),
])
loss_fn = keras.losses.MeanSquaredError()

if backend == "jax":  # (1)!
    import jax

    def compute_loss(trainable, non_trainable):
        predictions, _ = model.stateless_call(trainable, non_trainable, features)  # (2)!
        return loss_fn(targets, predictions)

    trainable = [v.value for v in model.trainable_variables]
    non_trainable = [v.value for v in model.non_trainable_variables]
    loss, grads = jax.value_and_grad(compute_loss)(trainable, non_trainable)
elif backend == "tensorflow":  # (3)!
    import tensorflow as tf

    with tf.GradientTape() as tape:
        loss = loss_fn(targets, model(features))
    grads = tape.gradient(loss, model.trainable_variables)
elif backend == "torch":  # (4)!
    loss = loss_fn(targets, model(features))
    loss.backward()
    grads = [v.value.grad for v in model.trainable_variables]

to_list = keras.ops.convert_to_numpy
print("loss:", round(float(to_list(loss)), 4))
print("dloss/dw:", [round(v, 4) for v in to_list(grads[0]).ravel().tolist()])
print("dloss/db:", [round(v, 4) for v in to_list(grads[1]).tolist()])
